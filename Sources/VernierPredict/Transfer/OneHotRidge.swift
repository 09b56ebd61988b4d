import Foundation
import VernierModel

/// HELP's few-shot baseline at any N: ridge regression (λ = 1 on standardized columns) of
/// log-latency on the one-hot encoding of every decision, no reference devices. Ordinary least
/// squares needs more rows than the encoding has columns; at N = 10 it does not have them.
public struct OneHotRidge: Sendable {
    private let coefficients: [Double]
    private let intercept: Double
    private let counts: [Int]

    /// Fits it on encodings of `space` and their latencies (positive).
    public init(space: any SearchSpace, encodings: [Encoding], latencies: [Double]) throws(PredictError) {
        counts = space.decisions.map(\.choices.count)
        let counts = self.counts
        (coefficients, intercept) = try RidgeFit.fit(rows: encodings.map { Self.row($0, counts: counts) }, targets: latencies.map { log($0) },
                                                     weights: latencies.map { _ in 1 }, ridge: 1)
    }

    static func row(_ encoding: Encoding, counts: [Int]) -> [Double] {
        var row = [Double](repeating: 0, count: counts.reduce(0, +))
        var offset = 0
        for (d, choice) in encoding.choices.enumerated() {
            row[offset + Int(choice)] = 1
            offset += counts[d]
        }
        return row
    }

    /// The prediction for an encoding, ms.
    public func predict(_ encoding: Encoding) -> Double {
        exp(zip(coefficients, Self.row(encoding, counts: counts)).reduce(intercept) { $0 + $1.0 * $1.1 })
    }
}

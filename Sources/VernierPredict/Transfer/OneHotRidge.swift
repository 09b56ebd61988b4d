import Foundation
import VernierModel

/// HELP's few-shot baseline at any N: ridge regression (λ = 1 on standardized columns) of
/// log-latency on the one-hot encoding of every decision, no reference devices. Ordinary least
/// squares needs more rows than the encoding has columns; at N = 10 it does not have them.
public struct OneHotRidge: Sendable {
    private let coefficients: [Double]
    private let intercept: Double
    private let offsets: [Int]
    private let width: Int

    /// Fits it on encodings of `space` and their latencies (positive).
    public init(space: any SearchSpace, encodings: [Encoding], latencies: [Double]) throws(PredictError) {
        let (names, offsets) = OneHotBaseline.layout(space)
        self.offsets = offsets
        width = names.count
        (coefficients, intercept) = try RidgeFit.fit(rows: encodings.map { OneHotBaseline.row($0, offsets: offsets, width: names.count) },
                                                     targets: latencies.map { log($0) }, weights: latencies.map { _ in 1 }, ridge: 1)
    }

    /// The prediction for an encoding, ms.
    public func predict(_ encoding: Encoding) -> Double {
        exp(zip(coefficients, OneHotBaseline.row(encoding, offsets: offsets, width: width)).reduce(intercept) { $0 + $1.0 * $1.1 })
    }
}

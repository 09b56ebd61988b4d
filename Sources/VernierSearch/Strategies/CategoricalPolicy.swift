import Foundation
import VernierModel

/// Independent softmax distributions over each decision's choices, with Adam on the logits: the
/// policy of the MnasNet search and the architecture distribution of the FBNet search.
public struct CategoricalPolicy: Sendable {
    /// `logits[i][c]` for decision i, choice c.
    public private(set) var logits: [[Double]]
    private var adam: AdamState

    /// A uniform policy over decisions with `sizes` choices each.
    public init(sizes: [Int], learningRate: Double) {
        logits = sizes.map { [Double](repeating: 0, count: $0) }
        adam = AdamState(sizes: sizes, learningRate: learningRate)
    }

    /// The probabilities of every decision.
    public var probabilities: [[Double]] { logits.map(Self.softmax) }

    /// The most likely choice of every decision.
    public var mode: Encoding {
        Encoding(logits.map { row in UInt8(row.indices.max { row[$0] < row[$1] } ?? 0) })
    }

    /// Mean entropy per decision, nats.
    public var meanEntropy: Double {
        let all = probabilities.map { row in -row.reduce(0) { $0 + ($1 > 0 ? $1 * Foundation.log($1) : 0) } }
        return all.reduce(0, +) / Double(max(all.count, 1))
    }

    /// One architecture drawn from the policy.
    public func sample(using rng: inout SplitMix64) -> Encoding {
        Encoding(probabilities.map { row in
            var u = rng.unit()
            for (c, p) in row.enumerated() {
                u -= p
                if u < 0 { return UInt8(c) }
            }
            return UInt8(row.count - 1)
        })
    }

    /// A REINFORCE step: raises the log-probability of each encoding in proportion to its
    /// advantage (gradient ascent on `mean(A · log π(a))`).
    public mutating func reinforce(_ samples: [(encoding: Encoding, advantage: Double)]) {
        let p = probabilities
        var gradient = logits.map { [Double](repeating: 0, count: $0.count) }
        for (encoding, advantage) in samples {
            for i in gradient.indices {
                let chosen = Int(encoding.choices[i])
                for c in gradient[i].indices {
                    gradient[i][c] += advantage * ((c == chosen ? 1 : 0) - p[i][c]) / Double(samples.count)
                }
            }
        }
        ascend(gradient)
    }

    /// An Adam step along `gradient` (ascent; pass a negated loss gradient to descend).
    public mutating func ascend(_ gradient: [[Double]]) {
        adam.step(&logits, gradient: gradient)
    }

    /// Numerically stable softmax.
    public static func softmax(_ row: [Double]) -> [Double] {
        let top = row.max() ?? 0
        let e = row.map { Foundation.exp($0 - top) }
        let total = e.reduce(0, +)
        return e.map { $0 / total }
    }
}

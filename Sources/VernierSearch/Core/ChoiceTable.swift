import VernierModel
import VernierPredict

/// A quantity that is a sum over decisions: `value = base + Σᵢ weights[i][cᵢ]`.
///
/// LUT-sum latencies of FBNet-like spaces are exactly of this form (``AdditiveTable``); a linear
/// surrogate over one-hot choices is too. Because the expectation under independent per-decision
/// probabilities is again linear (`base + Σᵢ Σ_c p[i][c]·weights[i][c]`), it is what makes
/// FBNet-style relaxations differentiable.
public struct ChoiceTable: Hashable, Sendable, Codable {
    /// Constant part.
    public var base: Double
    /// `weights[i][c]`: decision i's contribution with choice c.
    public var weights: [[Double]]

    /// Creates a table.
    public init(base: Double, weights: [[Double]]) {
        self.base = base
        self.weights = weights
    }

    /// The table of a compiled additive predictor.
    public init(_ additive: AdditiveTable) {
        base = additive.base
        weights = additive.offsets.indices.map { i in
            let end = i + 1 < additive.offsets.count ? additive.offsets[i + 1] : additive.table.count
            return Array(additive.table[additive.offsets[i]..<end])
        }
    }

    /// The value of one encoding.
    public func value(_ encoding: Encoding) -> Double {
        var total = base
        for (i, choice) in encoding.choices.enumerated() { total += weights[i][Int(choice)] }
        return total
    }

    /// The expected value when decision i takes choice c with probability `probabilities[i][c]`.
    public func expectation(_ probabilities: [[Double]]) -> Double {
        var total = base
        for i in weights.indices {
            for c in weights[i].indices { total += probabilities[i][c] * weights[i][c] }
        }
        return total
    }

    /// The encoding with the smallest value (the smallest entry of every decision).
    public func minimizing() -> Encoding {
        Encoding(weights.map { row in UInt8(row.indices.min { row[$0] < row[$1] } ?? 0) })
    }

    /// The encoding with the largest value.
    public func maximizing() -> Encoding {
        Encoding(weights.map { row in UInt8(row.indices.max { row[$0] < row[$1] } ?? 0) })
    }

    /// Least-squares fit of a one-hot linear model to `(encoding, value)` samples of `space`.
    /// Choices never seen in the samples get weight 0 relative to the decision's first choice.
    /// - Throws: ``SearchError`` (`badSettings`) when there are too few samples.
    public static func fit(space: any SearchSpace, samples: [(encoding: Encoding, value: Double)]) throws(SearchError) -> ChoiceTable {
        let decisions = space.decisions
        var names: [String] = []
        var columns: [(decision: Int, choice: Int)] = []
        for (i, decision) in decisions.enumerated() where decision.choices.count > 1 {
            for c in 1..<decision.choices.count {
                names.append("\(decision.name)=\(decision.choices[c])")
                columns.append((i, c))
            }
        }
        let rows = samples.map { sample in columns.map { Double(sample.encoding.choices[$0.decision] == UInt8($0.choice) ? 1 : 0) } }
        let model: LinearModel
        do {
            model = try LinearRegression.fit(rows: rows, targets: samples.map(\.value), features: names, method: .ols,
                                             weights: [Double](repeating: 1, count: samples.count))
        } catch {
            throw SearchError(.badSettings, "cannot fit a one-hot linear model on \(samples.count) samples: \(error)")
        }
        var weights = decisions.map { [Double](repeating: 0, count: $0.choices.count) }
        for (k, column) in columns.enumerated() { weights[column.decision][column.choice] = model.coefficients[k] }
        return ChoiceTable(base: model.intercept, weights: weights)
    }
}

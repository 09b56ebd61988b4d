import Foundation
import VernierModel
import VernierPredict

/// FBNet-style differentiable search (Wu et al., 2019) without supernet training.
///
/// Each decision's choice is relaxed with Gumbel-softmax, `m = softmax((θ + g)/τ)`, and the
/// architecture parameters θ descend the FBNet loss `E(m) · α·log(LAT(m))^β` with α = 0.2,
/// β = 0.6 and τ = 5.0 decayed by `exp(−0.045)` per epoch. `LAT(m)` is the expected latency, exact
/// where the latency source is additive over decisions (LUT sums over FBNet blocks) and otherwise
/// a one-hot linear fit to sampled latencies. Vernier trains no supernet, so the cross-entropy
/// term is replaced by a differentiable accuracy surrogate: a `surrogate:` estimator's own table,
/// or a one-hot linear model fitted to sampled evaluations of the estimator; `E(m)` is that
/// surrogate's distance to its best value (plus 1 % of its range, so it stays positive). The
/// output says which. Latency enters as `log(1 + LAT/ms)` so sub-millisecond devices keep a
/// positive logarithm. With a budget T a penalty `λ·max(0, LAT/T − 1)` is added, λ growing each
/// epoch the derived architecture (argmax θ) misses the budget.
///
/// Each epoch evaluates the derived architecture and a few samples of the distribution with the
/// real estimator and latency source; the search has converged when the derived architecture has
/// not changed for ``patience`` epochs.
public struct FBNetSearch: SearchStrategy {
    /// Latency-term weight α.
    public var alpha = 0.2
    /// Latency-term exponent β.
    public var beta = 0.6
    /// Initial Gumbel-softmax temperature.
    public var initialTemperature = 5.0
    /// Temperature decay per epoch: τ ← τ·exp(−decay).
    public var temperatureDecay = 0.045
    /// Most epochs.
    public var maxEpochs = 200
    /// θ updates per epoch.
    public var stepsPerEpoch = 50
    /// Distribution samples evaluated per epoch (besides the derived architecture).
    public var samplesPerEpoch = 4
    /// Adam step size on θ.
    public var learningRate = 0.05
    /// Random architectures evaluated to fit the surrogates that are not given.
    public var surrogateSamples = 200
    /// Epochs without a change of the derived architecture that count as converged.
    public var patience = 10

    /// Creates the strategy with FBNet's constants.
    public init() {}

    public var name: String { "fbnet" }

    public func run(_ evaluator: Evaluator, objective: Objective, rng: inout SplitMix64) throws(SearchError) -> [String] {
        let space = evaluator.space
        var notes: [String] = []
        var samples: [Candidate] = []
        let surrogate = evaluator.accuracy as? SurrogateAccuracy
        if evaluator.latency.choiceTable == nil || surrogate == nil {
            var attempts = 0
            while samples.count < surrogateSamples && !evaluator.isExhausted && attempts < 20 * surrogateSamples {
                attempts += 1
                if let candidate = try evaluator.evaluate(space.sample(using: &rng)) { samples.append(candidate) }
            }
        }
        let latencyTable: ChoiceTable
        if let exact = evaluator.latency.choiceTable {
            latencyTable = exact
            notes.append("expected latency: exact (the latency source is additive over the space's decisions)")
        } else {
            latencyTable = try ChoiceTable.fit(space: space, samples: samples.map { ($0.encoding, $0.latencyMs) })
            notes.append("expected latency: one-hot linear fit to \(samples.count) sampled latencies (the source is not additive); "
                         + Self.fitSummary(latencyTable, samples.map { ($0.encoding, $0.latencyMs) }))
        }
        let accuracyTable: ChoiceTable
        if let surrogate {
            accuracyTable = surrogate.model.table
            notes.append("accuracy term: the surrogate's own one-hot linear model (no supernet training)")
        } else {
            accuracyTable = try ChoiceTable.fit(space: space, samples: samples.map { ($0.encoding, $0.accuracy) })
            notes.append("accuracy term: no training data, so a differentiable one-hot linear surrogate fitted to \(samples.count) sampled evaluations of \(evaluator.accuracy.name); "
                         + Self.fitSummary(accuracyTable, samples.map { ($0.encoding, $0.accuracy) }))
        }
        let best = accuracyTable.value(accuracyTable.maximizing())
        let worst = accuracyTable.value(accuracyTable.minimizing())
        let margin = max(0.01 * (best - worst), 1e-9)

        var policy = CategoricalPolicy(sizes: space.decisions.map(\.choices.count), learningRate: learningRate)
        var lambda = 0.0
        var derived = policy.mode
        var unchanged = 0
        var epochs = 0
        var converged = false
        while epochs < maxEpochs && !evaluator.isExhausted {
            let tau = initialTemperature * Foundation.exp(-temperatureDecay * Double(epochs))
            for _ in 0..<stepsPerEpoch {
                let gradient = lossGradient(logits: policy.logits, tau: tau, rng: &rng, accuracy: accuracyTable,
                                            latency: latencyTable, best: best, margin: margin, lambda: lambda,
                                            budgetMs: objective.budgetMs)
                policy.ascend(gradient.map { $0.map { -$0 } })
            }
            epochs += 1
            let mode = policy.mode
            let measured = try evaluator.evaluate(mode)
            for _ in 0..<samplesPerEpoch where !evaluator.isExhausted { try evaluator.evaluate(policy.sample(using: &rng)) }
            if let budget = objective.budgetMs {
                let latency = measured?.latencyMs ?? latencyTable.value(mode)
                if latency > budget { lambda += 0.5 * max(best - worst, 1e-9) }
            }
            unchanged = mode == derived ? unchanged + 1 : 0
            derived = mode
            if unchanged >= patience { converged = true; break }
        }
        notes.append(String(format: "%@ after %d epochs (τ %.3f, λ %.3g); derived arch %@",
                            converged ? "converged" : "stopped without converging", epochs,
                            initialTemperature * Foundation.exp(-temperatureDecay * Double(epochs)), lambda, space.format(derived)))
        return notes
    }

    /// ∂loss/∂θ for one Gumbel sample.
    private func lossGradient(logits: [[Double]], tau: Double, rng: inout SplitMix64, accuracy: ChoiceTable,
                              latency: ChoiceTable, best: Double, margin: Double, lambda: Double,
                              budgetMs: Double?) -> [[Double]] {
        let relaxed = logits.map { row in
            CategoricalPolicy.softmax(row.map { ($0 + Self.gumbel(&rng)) / tau })
        }
        let expectedAccuracy = accuracy.expectation(relaxed)
        let expectedLatency = max(latency.expectation(relaxed), 1e-6)
        let error = best - expectedAccuracy + margin
        let logLatency = Foundation.log1p(expectedLatency)
        let latencyTerm = alpha * Foundation.pow(logLatency, beta)
        let dLatencyTerm = alpha * beta * Foundation.pow(logLatency, beta - 1) / (1 + expectedLatency)
        var penaltySlope = 0.0
        if let budgetMs, expectedLatency > budgetMs { penaltySlope = lambda / budgetMs }
        return relaxed.indices.map { i in
            let m = relaxed[i]
            let dm = m.indices.map { c in
                -accuracy.weights[i][c] * latencyTerm + error * dLatencyTerm * latency.weights[i][c]
                    + penaltySlope * latency.weights[i][c]
            }
            let weighted = zip(m, dm).reduce(0) { $0 + $1.0 * $1.1 }
            return m.indices.map { c in m[c] * (dm[c] - weighted) / tau }
        }
    }

    private static func gumbel(_ rng: inout SplitMix64) -> Double {
        -Foundation.log(-Foundation.log(max(rng.unit(), 1e-300)) + 1e-300)
    }

    private static func fitSummary(_ table: ChoiceTable, _ samples: [(Encoding, Double)]) -> String {
        let predicted = samples.map { table.value($0.0) }
        let rho = RankCorrelation.spearman(predicted, samples.map(\.1))
        return String(format: "Spearman ρ %.3f on them", rho)
    }
}

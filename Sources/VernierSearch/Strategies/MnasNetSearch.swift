import Foundation
import VernierModel

/// MnasNet-style reinforcement learning (Tan et al., 2019): a policy with one independent
/// categorical distribution per decision, trained with REINFORCE on the reward
/// `ACC·(LAT/T)^w` (see ``Constraint``). Each step samples a batch, scores it, and moves the
/// logits along `(R − mean R)/std R · ∇ log π` with Adam.
public struct MnasNetSearch: SearchStrategy {
    /// Architectures sampled per policy update.
    public var batchSize: Int
    /// Adam step size on the logits.
    public var learningRate: Double

    /// Consecutive batches without a new architecture after which the policy counts as converged.
    public var patience: Int

    /// Creates the strategy.
    public init(batchSize: Int = 16, learningRate: Double = 0.1, patience: Int = 50) {
        self.patience = max(1, patience)
        self.batchSize = max(2, batchSize)
        self.learningRate = learningRate
    }

    public var name: String { "mnasnet" }

    public func run(_ evaluator: Evaluator, objective: Objective, rng: inout SplitMix64) throws(SearchError) -> [String] {
        guard objective.budgetMs != nil else {
            throw SearchError(.badSettings, "the mnasnet strategy needs --budget-ms T: its reward is ACC·(LAT/T)^w")
        }
        let sizes = evaluator.space.decisions.map(\.choices.count)
        var policy = CategoricalPolicy(sizes: sizes, learningRate: learningRate)
        var steps = 0
        var stale = 0
        while !evaluator.isExhausted && stale < patience {
            let before = evaluator.used
            var batch: [(encoding: Encoding, reward: Double)] = []
            for _ in 0..<batchSize where !evaluator.isExhausted {
                let encoding = policy.sample(using: &rng)
                guard let candidate = try evaluator.evaluate(encoding) else { continue }
                guard candidate.accuracy > 0 else {
                    throw SearchError(.badSettings, "the mnasnet reward ACC·(LAT/T)^w needs positive accuracies; \(evaluator.accuracy.name) gave \(candidate.accuracy) for \(candidate.arch)")
                }
                batch.append((encoding, objective.reward(candidate)))
            }
            stale = evaluator.used == before ? stale + 1 : 0
            guard batch.count >= 2 else { continue }
            let rewards = batch.map(\.reward)
            let mean = rewards.reduce(0, +) / Double(rewards.count)
            let spread = (rewards.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(rewards.count)).squareRoot()
            guard spread > 0 else { continue }
            policy.reinforce(batch.map { ($0.encoding, ($0.reward - mean) / spread) })
            steps += 1
        }
        let likely = evaluator.space.format(policy.mode)
        let ending = stale >= patience ? "converged (\(patience) batches without a new architecture)" : "evaluation limit reached"
        return [String(format: "%@ after %d policy updates of %d samples, learning rate %g; final entropy %.3f nats/decision; most likely arch %@",
                       ending, steps, batchSize, learningRate, policy.meanEntropy, likely)]
    }
}

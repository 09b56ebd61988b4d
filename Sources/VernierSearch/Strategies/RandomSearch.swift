import VernierModel

/// Uniform random sampling: the baseline every other strategy must beat.
public struct RandomSearch: SearchStrategy {
    /// Creates the strategy.
    public init() {}

    public var name: String { "random" }

    public func run(_ evaluator: Evaluator, objective: Objective, rng: inout SplitMix64) throws(SearchError) -> [String] {
        var rejected = 0
        while !evaluator.isExhausted {
            let encoding = evaluator.space.sample(using: &rng)
            // With a budget, architectures predicted to miss it are not worth an accuracy evaluation.
            if !evaluator.isPromising(encoding, objective: objective) && rejected < 1000 * evaluator.limit {
                rejected += 1
                continue
            }
            try evaluator.evaluate(encoding)
        }
        return []
    }
}

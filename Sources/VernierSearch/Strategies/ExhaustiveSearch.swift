import VernierModel

/// Every architecture of a space small enough to list (NB201's 15,625): the true Pareto front and
/// best-under-budget that other strategies are measured against.
public struct ExhaustiveSearch: SearchStrategy {
    /// Creates the strategy.
    public init() {}

    public var name: String { "exhaustive" }

    public func run(_ evaluator: Evaluator, objective: Objective, rng: inout SplitMix64) throws(SearchError) -> [String] {
        guard let all = evaluator.space.enumerate() else {
            throw SearchError(.badSettings, "space \(evaluator.space.name) is too large to enumerate; use random, evolution, mnasnet or fbnet")
        }
        for encoding in all where !evaluator.isExhausted { try evaluator.evaluate(encoding) }
        return evaluator.used < all.count ? ["stopped after \(evaluator.used) of \(all.count) archs (--evaluations)"] : []
    }
}

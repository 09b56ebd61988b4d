import VernierModel

/// A way of proposing architectures to an ``Evaluator`` until it is exhausted.
public protocol SearchStrategy {
    /// `random`, `evolution`, `mnasnet`, `fbnet`, `exhaustive`.
    var name: String { get }
    /// Runs the search. Everything random comes from `rng`, so a seed fixes the result.
    /// - Returns: lines describing how the run went (convergence, surrogates used).
    func run(_ evaluator: Evaluator, objective: Objective, rng: inout SplitMix64) throws(SearchError) -> [String]
}

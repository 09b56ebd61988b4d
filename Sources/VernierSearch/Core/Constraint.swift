import Foundation

/// How a latency budget T enters the MnasNet reward `ACC·(LAT/T)^w`.
public enum Constraint: String, Sendable, CaseIterable, Codable {
    /// w = α = β = −0.07: latency trades off smoothly against accuracy on both sides of T.
    case soft
    /// w = α = 0 under the budget, β = −1 over it: no reward for being faster than T.
    case hard

    /// The exponent w for a latency of `latencyMs` against budget `budgetMs`.
    public func exponent(latencyMs: Double, budgetMs: Double) -> Double {
        switch self {
        case .soft: -0.07
        case .hard: latencyMs <= budgetMs ? 0 : -1
        }
    }

    /// The MnasNet reward `accuracy·(latency/budget)^w`.
    public func reward(accuracy: Double, latencyMs: Double, budgetMs: Double) -> Double {
        accuracy * Foundation.pow(latencyMs / budgetMs, exponent(latencyMs: latencyMs, budgetMs: budgetMs))
    }
}

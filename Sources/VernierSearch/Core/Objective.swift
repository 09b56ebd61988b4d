/// What a search optimises: without a budget, the accuracy–latency Pareto front; with a budget T,
/// the most accurate architecture whose latency is at most T (MnasNet's reward for the RL search).
public struct Objective: Hashable, Sendable, Codable {
    /// Latency budget T, ms.
    public var budgetMs: Double?
    /// How the MnasNet reward treats the budget.
    public var constraint: Constraint
    /// Peak activation memory budget, MB: a hard constraint beside the latency budget.
    public var memoryBudgetMB: Double?

    /// Creates an objective.
    public init(budgetMs: Double?, constraint: Constraint = .hard, memoryBudgetMB: Double? = nil) {
        self.budgetMs = budgetMs
        self.constraint = constraint
        self.memoryBudgetMB = memoryBudgetMB
    }

    /// Whether `candidate` meets the latency budget and the memory budget (always, without them).
    public func isFeasible(_ candidate: Candidate) -> Bool {
        (budgetMs.map { candidate.latencyMs <= $0 } ?? true) && meetsMemoryBudget(candidate.memoryMB)
    }

    /// Whether a peak memory of `megabytes` meets the memory budget (a missing value does).
    public func meetsMemoryBudget(_ megabytes: Double?) -> Bool {
        guard let memoryBudgetMB, let megabytes else { return true }
        return megabytes <= memoryBudgetMB
    }

    /// Budget ranking: feasible before infeasible; feasible by accuracy, infeasible by latency.
    /// Ties go to the earlier evaluation, so results are deterministic.
    public func isBetter(_ a: Candidate, than b: Candidate) -> Bool {
        let (fa, fb) = (isFeasible(a), isFeasible(b))
        if fa != fb { return fa }
        if fa {
            if a.accuracy != b.accuracy { return a.accuracy > b.accuracy }
        } else if a.latencyMs != b.latencyMs {
            return a.latencyMs < b.latencyMs
        }
        return a.index < b.index
    }

    /// The best feasible candidate (highest accuracy), or `nil` when none meets the budget.
    public func best(of candidates: [Candidate]) -> Candidate? {
        candidates.filter(isFeasible).min { isBetter($0, than: $1) }
    }

    /// MnasNet's reward `ACC·(LAT/T)^w` (the accuracy itself without a budget).
    public func reward(_ candidate: Candidate) -> Double {
        guard let budgetMs else { return candidate.accuracy }
        return constraint.reward(accuracy: candidate.accuracy, latencyMs: candidate.latencyMs, budgetMs: budgetMs)
    }
}

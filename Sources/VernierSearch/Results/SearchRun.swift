import Foundation
import VernierModel

/// Runs one search end to end: checks the budget can be met, lets the strategy propose until the
/// evaluator is exhausted, then takes the best, the Pareto front and its hypervolume.
public enum SearchRun {
    /// The error of a budget below the fastest arch's latency (when the source knows its fastest
    /// arch), or `nil`: a search under it could only fail after spending its evaluations.
    public static func impossibleBudget(_ budget: Double, space: any SearchSpace, latency: any LatencySource) -> SearchError? {
        guard let fastest = latency.fastest(space: space), fastest.latencyMs > budget else { return nil }
        return SearchError(.impossibleBudget, String(format: "no architecture of %@ runs within %g ms: the fastest, %@, takes %.4g ms (%@)",
                                                     space.name, budget, fastest.arch, fastest.latencyMs, latency.name))
    }

    /// The error of budgets or a reference point no architecture can meet, known before any
    /// evaluation (a memory budget below the smallest peak memory, latency and memory budgets no
    /// listed arch meets together, a reference latency below the fastest arch), or `nil`.
    public static func constraintProblem(objective: Objective, space: any SearchSpace, latency: any LatencySource,
                                         memory: ActivationMemory?, reference: ReferencePoint? = nil) -> SearchError? {
        ConstraintCheck.beforeSearch(objective: objective, space: space, latency: latency, memory: memory, reference: reference)
    }

    /// Runs `strategy`.
    /// - Parameters:
    ///   - reference: hypervolume reference point; default accuracy 0 and the budget (without one,
    ///     the slowest evaluated latency).
    /// - Throws: ``SearchError`` (`impossibleBudget`) naming the fastest architecture's latency when
    ///   no architecture can meet the budget, (`estimatorFailed`) when every evaluation failed
    ///   (under `--on-error skip`), or whatever the strategy and evaluator throw.
    public static func run(strategy: any SearchStrategy, evaluator: Evaluator, objective: Objective, seed: UInt64,
                           reference: ReferencePoint? = nil) throws(SearchError) -> SearchResult {
        let space = evaluator.space
        if let budget = objective.budgetMs {
            guard budget > 0, budget.isFinite else {
                throw SearchError(.badSettings, "--budget-ms \(budget) must be a positive number of milliseconds")
            }
            if let impossible = impossibleBudget(budget, space: space, latency: evaluator.latency) { throw impossible }
        }
        if let problem = ConstraintCheck.beforeSearch(objective: objective, evaluator: evaluator, reference: reference) { throw problem }
        let started = Date()
        var rng = SplitMix64(seed: seed)
        let strategyNotes = try strategy.run(evaluator, objective: objective, rng: &rng)
        let wall = Date().timeIntervalSince(started)
        let evaluated = evaluator.evaluated
        if evaluated.isEmpty, let first = evaluator.failures.first {
            throw SearchError(.estimatorFailed, "all \(evaluator.failures.count) evaluated architectures failed, so nothing was searched; the first, \(first.arch): \(first.message)")
        }
        let best = objective.best(of: evaluated)
        if best == nil, let problem = ConstraintCheck.noneFeasible(objective: objective, evaluated: evaluated, space: space) { throw problem }
        if let budget = objective.budgetMs, best == nil, let fastest = evaluated.min(by: { $0.latencyMs < $1.latencyMs }) {
            throw SearchError(.impossibleBudget, String(format: "none of the %d evaluated architectures runs within %g ms; the fastest seen, %@, takes %.4g ms",
                                                        evaluated.count, budget, fastest.arch, fastest.latencyMs))
        }
        let givenReference = reference
        var reference = reference ?? ReferencePoint(
            accuracy: 0, latencyMs: objective.budgetMs ?? (evaluated.map(\.latencyMs).max() ?? 1))
        var pareto3D: [Candidate]?
        var hypervolume3D: Double?
        if evaluator.memory != nil {
            let ceiling = reference.memoryMB ?? objective.memoryBudgetMB ?? (evaluated.compactMap(\.memoryMB).max() ?? 1)
            reference.memoryMB = ceiling
            pareto3D = ParetoFront3D.of(evaluated)
            hypervolume3D = ParetoFront3D.hypervolume(evaluated, reference: reference, memoryMB: ceiling)
        }
        let hypervolume = ParetoFront.hypervolume(evaluated, reference: reference)
        let outsideNote = givenReference != nil && hypervolume == 0
            ? [String(format: "no evaluated architecture is more accurate than %g and faster than %g ms (the reference point): the hypervolume is 0", reference.accuracy, reference.latencyMs)]
            : []
        return SearchResult(
            space: space.name, strategy: strategy.name, accuracy: evaluator.accuracy.name, latency: evaluator.latency.name,
            objective: objective, seed: seed, best: best, pareto: ParetoFront.of(evaluated),
            hypervolume: hypervolume, referencePoint: reference,
            pareto3D: pareto3D, hypervolume3D: hypervolume3D,
            evaluations: evaluator.used, failures: evaluator.failures.map { "\($0.arch): \($0.message)" },
            proposals: evaluator.proposals, wallSeconds: wall, evaluated: evaluated,
            notes: evaluator.accuracy.notes + evaluator.latency.notes + strategyNotes + outsideNote)
    }
}

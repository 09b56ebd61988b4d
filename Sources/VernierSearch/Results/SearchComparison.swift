import Foundation
import VernierModel

/// Several strategies run with the same estimator, latency source and evaluation count over
/// several seeds, scored the way issue #18 measures searches:
/// - without a latency budget, the hypervolume of the returned front against a reference point
///   (default: the space's median accuracy and 90th-percentile latency), divided by the true
///   front's hypervolume when the whole space can be scored (an enumerable space and a table of
///   accuracies), else the hypervolume itself;
/// - with budgets, the gap between the true best accuracy under each budget and the reported
///   best (or, without the truth, the reported best accuracy).
public struct SearchComparison: Sendable, Codable {
    /// What a score is: `hypervolume / true front`, `hypervolume`, `gap to the true best (points)` or `best accuracy`.
    public var metric: String
    /// The hypervolume reference point (Pareto comparisons).
    public var reference: ReferencePoint?
    /// Where the reference point came from.
    public var referenceSource: String?
    /// The true front's hypervolume, when known.
    public var trueHypervolume: Double?
    /// The true best accuracy under each budget, when known (budget comparisons, by budget).
    public var trueBest: [Double]
    /// Seeds used.
    public var seeds: [UInt64]
    /// Accuracy evaluations per search.
    public var evaluations: Int
    /// One row per strategy (and budget).
    public var rows: [SearchComparisonRow]

    enum CodingKeys: String, CodingKey {
        case metric, reference, seeds, evaluations, rows
        case referenceSource = "reference_source"
        case trueHypervolume = "true_hypervolume"
        case trueBest = "true_best"
    }

    /// Runs the comparison.
    /// - Parameters:
    ///   - evaluations: accuracy evaluations per search.
    ///   - makeEvaluator: a fresh evaluator (same sources, `limit` evaluations) for each search.
    ///   - budgetsMs: latency budgets for a budget comparison; empty for a Pareto comparison.
    ///   - reference: the reference point; default as described above.
    /// - Throws: ``SearchError`` from the searches, or (`badSpec`) when the reference point lies
    ///   outside the space's data.
    public static func run(strategies: [String], seeds: [UInt64], evaluations: Int, budgetsMs: [Double], memoryBudgetMB: Double?,
                           reference: ReferencePoint?, makeEvaluator: (_ limit: Int) -> Evaluator) throws(SearchError) -> SearchComparison {
        let probe = makeEvaluator(1)
        let space = probe.space
        let truth = try exhaustive(space: space, probe: probe, memoryBudgetMB: memoryBudgetMB, makeEvaluator: makeEvaluator)
        var rows: [SearchComparisonRow] = []
        if budgetsMs.isEmpty {
            let (point, source) = try referencePoint(given: reference, truth: truth, space: space, probe: probe, memoryBudgetMB: memoryBudgetMB)
            let ceiling = point.memoryMB
            func volume(_ candidates: [Candidate]) -> Double {
                ceiling.map { ParetoFront3D.hypervolume(candidates, reference: point, memoryMB: $0) } ?? ParetoFront.hypervolume(candidates, reference: point)
            }
            let trueVolume = truth.map(volume)
            if let trueVolume, trueVolume <= 0 {
                throw SearchError(.badSpec, String(format: "reference point %g,%g ms lies outside the data: no architecture of %@ is more accurate and faster (and smaller) than it", point.accuracy, point.latencyMs, space.name))
            }
            for strategy in strategies {
                var scores: [Double] = []
                var seconds = 0.0
                var met = true
                for seed in seeds {
                    let result = try SearchRun.run(strategy: try Strategies.named(strategy, reference: reference), evaluator: makeEvaluator(evaluations),
                                                   objective: Objective(budgetMs: nil, memoryBudgetMB: memoryBudgetMB), seed: seed, reference: point)
                    let found = volume(result.evaluated)
                    scores.append(trueVolume.map { found / $0 } ?? found)
                    seconds += result.wallSeconds
                    met = met && (result.best.map { Objective(budgetMs: nil, memoryBudgetMB: memoryBudgetMB).isFeasible($0) } ?? true)
                }
                rows.append(SearchComparisonRow(strategy: strategy, budgetMs: nil, scores: scores, meanSeconds: seconds / Double(max(1, seeds.count)), budgetsMet: met))
            }
            let kind = ceiling == nil ? "hypervolume" : "3-D hypervolume (accuracy, latency, memory)"
            return SearchComparison(metric: trueVolume == nil ? kind : "\(kind) / true front", reference: point, referenceSource: source,
                                    trueHypervolume: trueVolume, trueBest: [], seeds: seeds, evaluations: evaluations, rows: rows)
        }
        var trueBest: [Double] = []
        for budget in budgetsMs {
            let objective = Objective(budgetMs: budget, memoryBudgetMB: memoryBudgetMB)
            let best = truth.flatMap { objective.best(of: $0)?.accuracy }
            if let best { trueBest.append(best) }
            for strategy in strategies {
                var scores: [Double] = []
                var seconds = 0.0
                var met = true
                for seed in seeds {
                    let result = try SearchRun.run(strategy: try Strategies.named(strategy), evaluator: makeEvaluator(evaluations),
                                                   objective: objective, seed: seed)
                    let found = result.best?.accuracy ?? -Double.infinity
                    scores.append(best.map { $0 - found } ?? found)
                    seconds += result.wallSeconds
                    met = met && (result.best.map(objective.isFeasible) ?? false)
                }
                rows.append(SearchComparisonRow(strategy: strategy, budgetMs: budget, scores: scores, meanSeconds: seconds / Double(max(1, seeds.count)), budgetsMet: met))
            }
        }
        return SearchComparison(metric: truth == nil ? "best accuracy" : "gap to the true best (points)", reference: nil, referenceSource: nil,
                                trueHypervolume: nil, trueBest: trueBest, seeds: seeds, evaluations: evaluations, rows: rows)
    }

    /// Every architecture scored, when the space can be listed and accuracies come from a table;
    /// only those that meet the memory budget.
    static func exhaustive(space: any SearchSpace, probe: Evaluator, memoryBudgetMB: Double?,
                           makeEvaluator: (_ limit: Int) -> Evaluator) throws(SearchError) -> [Candidate]? {
        guard probe.accuracy is TableAccuracy, let all = space.enumerate() else { return nil }
        let evaluator = makeEvaluator(all.count)
        let result = try SearchRun.run(strategy: ExhaustiveSearch(), evaluator: evaluator, objective: Objective(budgetMs: nil), seed: 0)
        let objective = Objective(budgetMs: nil, memoryBudgetMB: memoryBudgetMB)
        return result.evaluated.filter(objective.isFeasible)
    }

    /// The given reference point, or the space's median accuracy and 90th-percentile latency
    /// (from every architecture when known, else from 1,000 random ones, seed 0).
    /// With memory tracked, the memory ceiling is the given one, the memory budget or the 90th
    /// percentile of the space's peak memory.
    static func referencePoint(given: ReferencePoint?, truth: [Candidate]?, space: any SearchSpace,
                               probe: Evaluator, memoryBudgetMB: Double?) throws(SearchError) -> (ReferencePoint, String) {
        var (point, source) = try defaultReferencePoint(given: given, truth: truth, space: space, probe: probe)
        if let memory = probe.memory, point.memoryMB == nil {
            if let memoryBudgetMB {
                point.memoryMB = memoryBudgetMB
                source += "; memory: the budget"
            } else {
                let sample = truth?.compactMap(\.memoryMB) ?? space.sampleDistinct(count: 1000, seed: 0).map(memory.megabytes)
                point.memoryMB = FrontSearchRun.quantile(sample, 0.9)
                source += "; memory: 90th percentile"
            }
        }
        return (point, source)
    }

    private static func defaultReferencePoint(given: ReferencePoint?, truth: [Candidate]?, space: any SearchSpace,
                                              probe: Evaluator) throws(SearchError) -> (ReferencePoint, String) {
        if let given { return (given, "given") }
        if let truth, !truth.isEmpty {
            return (ReferencePoint(accuracy: FrontSearchRun.quantile(truth.map(\.accuracy), 0.5),
                                   latencyMs: FrontSearchRun.quantile(truth.map(\.latencyMs), 0.9)),
                    "median accuracy and 90th-percentile latency of all \(truth.count) archs")
        }
        var accuracies: [Double] = []
        var latencies: [Double] = []
        for encoding in space.sampleDistinct(count: 1000, seed: 0) {
            let arch = space.format(encoding)
            guard let accuracy = try? probe.accuracy.accuracy(of: encoding, arch: arch),
                  let latency = try? probe.latency.latency(of: encoding, arch: arch) else { continue }
            accuracies.append(accuracy)
            latencies.append(latency)
        }
        guard !accuracies.isEmpty else {
            throw SearchError(.badSpec, "no random architecture of \(space.name) could be scored for a reference point; give --reference-point ACC,MS")
        }
        return (ReferencePoint(accuracy: FrontSearchRun.quantile(accuracies, 0.5), latencyMs: FrontSearchRun.quantile(latencies, 0.9)),
                "median accuracy and 90th-percentile latency of \(accuracies.count) random archs (seed 0)")
    }
}

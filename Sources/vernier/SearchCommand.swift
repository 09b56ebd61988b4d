import ArgumentParser
import Foundation
import VernierKit
import VernierModel
import VernierSearch
import VernierStore

/// `vernier search`: a latency-budgeted architecture search with a chosen strategy, accuracy
/// estimator and latency source; prints the best architecture and the Pareto front, stores the run.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search a space for accurate architectures under a latency budget (front, random, evolution, mnasnet, fbnet, exhaustive).",
        discussion: """
            Without --budget-ms the search looks for the accuracy-latency Pareto front; the default strategy then is \
            front (a Gaussian-process surrogate of accuracy and expected hypervolume improvement). With --budget-ms \
            it looks for the most accurate architecture within the budget (default strategy: front, by expected \
            improvement). --compare runs several strategies over --seeds seeds and prints one table.
            """)

    @Option(help: "Search space.")
    var space: String

    @Option(help: "front (surrogate + expected hypervolume improvement), random, evolution (regularized), mnasnet (REINFORCE), fbnet (Gumbel-softmax) or exhaustive (NB201).")
    var strategy = "front"

    @Option(help: "Compare these strategies (comma-separated, e.g. evolution,random,front) over --seeds seeds and print one table.")
    var compare: String?

    @Option(help: "Seeds of a --compare run: 1…N.")
    var seeds = 3

    @Option(name: .customLong("budget-percentiles"), help: "With --compare: budgets at these latency percentiles of the space (e.g. 10,25,50,75).")
    var budgetPercentiles: String?

    @Option(name: .customLong("memory-budget-mb"), help: "Peak activation memory budget, MB: a hard constraint beside --budget-ms.")
    var memoryBudgetMb: Double?

    @Flag(help: "Track peak activation memory as a third objective: 3-objective Pareto front and hypervolume (implied by --memory-budget-mb).")
    var memory = false

    @Option(help: "Accuracy estimator: table:CSV[#COL], zero-cost:naswot|zen|params|macs, surrogate:FILE or command:CMD.")
    var accuracy: String

    @OptionGroup var latencyOptions: LatencySourceOptions

    @Option(name: .customLong("budget-ms"), help: "Latency budget T, ms (needed by mnasnet).")
    var budgetMs: Double?

    @Option(help: "How the MnasNet reward treats the budget: hard (α=0, β=−1) or soft (α=β=−0.07).")
    var constraint = "hard"

    @Option(help: "Distinct architectures to evaluate.")
    var evaluations = 1000

    @Option(help: "Seed; the same seed gives the same result.")
    var seed: UInt64 = 1

    @Option(help: "Input resolution (default: the space's).")
    var resolution: Int?

    @Option(name: .customLong("reference-point"), help: "Hypervolume reference point ACC,MS (default: accuracy 0 and the budget, or the slowest evaluated).")
    var referencePoint: String?

    @Option(name: .customLong("on-error"), help: "When an architecture cannot be scored: stop, or skip it and go on.")
    var onError = "stop"

    @Option(help: "Seconds a command: estimator may run per architecture.")
    var timeout = 3600.0

    @Flag(help: "Print the Pareto front (always in --json).")
    var pareto = false

    @Option(help: "Write an SVG plot of every evaluated point, the Pareto front and the budget.")
    var plot: String?

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        try ResolutionRule.check(resolution, space: space)
        if let problem = SizeLimits.check(evaluations, in: SizeLimits.evaluations, field: "--evaluations") {
            throw ValidationError(problem)
        }
        if let budgetMs, !(budgetMs > 0) { throw ValidationError("--budget-ms must be a positive number of milliseconds") }
        if Constraint(rawValue: constraint) == nil { throw ValidationError("unknown --constraint '\(constraint)'; allowed: hard, soft") }
        if ErrorPolicy(rawValue: onError) == nil { throw ValidationError("unknown --on-error '\(onError)'; allowed: stop, skip") }
        if timeout <= 0 { throw ValidationError("--timeout must be positive") }
        if let memoryBudgetMb, !(memoryBudgetMb > 0) || !memoryBudgetMb.isFinite {
            throw ValidationError("--memory-budget-mb must be a positive number of megabytes")
        }
        if let problem = SizeLimits.check(seeds, in: 1...100, field: "--seeds") { throw ValidationError(problem) }
        if compare == nil, budgetPercentiles != nil { throw ValidationError("--budget-percentiles needs --compare") }
        if budgetPercentiles != nil, budgetMs != nil { throw ValidationError("give --budget-ms or --budget-percentiles, not both") }
        _ = try percentiles()
        _ = try comparedStrategies()
    }

    /// The strategies of `--compare`, checked.
    private func comparedStrategies() throws -> [String]? {
        guard let compare else { return nil }
        let names = compare.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard !names.isEmpty, names.allSatisfy({ !$0.isEmpty }) else { throw ValidationError("--compare '\(compare)' must list strategies, e.g. evolution,random,front") }
        for name in names where !Strategies.names.contains(name) || name == "exhaustive" {
            throw ValidationError("--compare: unknown strategy '\(name)'; allowed: \(Strategies.names.filter { $0 != "exhaustive" }.joined(separator: ", "))")
        }
        return names
    }

    /// The percentiles of `--budget-percentiles`, checked.
    private func percentiles() throws -> [Double] {
        guard let budgetPercentiles else { return [] }
        return try budgetPercentiles.split(separator: ",").map { text in
            guard let value = Double(text.trimmingCharacters(in: .whitespaces)), value > 0, value <= 100 else {
                throw ValidationError("--budget-percentiles: '\(text)' is not a percentile in (0, 100]")
            }
            return value
        }
    }

    func run() throws {
        let searchSpace = try Spaces.named(space)
        let side = resolution ?? searchSpace.defaultResolution
        let reference = try referencePoint.map { text throws(SearchError) in try ReferencePoint(parsing: text) }
        let chosen = try Strategies.named(strategy, reference: reference)
        let store = try storeOptions.open()
        let estimator = try AccuracyEstimators.make(spec: accuracy, space: searchSpace, resolution: side, timeoutSeconds: timeout,
                                                    cache: StoreAccuracyCache(store: store))
        let latencySource = try latencyOptions.make(space: searchSpace, resolution: side, store: store)
        let policy = ErrorPolicy(rawValue: onError) ?? .stop
        let tracksMemory = memory || memoryBudgetMb != nil
        let memorySource = tracksMemory ? ActivationMemory(space: searchSpace, resolution: side) : nil
        if let strategies = try comparedStrategies() {
            let comparison = try SearchComparison.run(
                strategies: strategies, seeds: (1...seeds).map(UInt64.init), evaluations: evaluations,
                budgetsMs: try budgetsForComparison(space: searchSpace, latency: latencySource), memoryBudgetMB: memoryBudgetMb,
                reference: reference) { limit in
                    Evaluator(space: searchSpace, accuracy: estimator, latency: latencySource, limit: limit, onError: policy, memory: memorySource)
                }
            if output.json { return try JSONOutput.print(comparison) }
            return JSONOutput.write(SearchComparisonTable(comparison, space: space, accuracy: estimator.name, latency: latencySource.name).text)
        }
        let evaluator = Evaluator(space: searchSpace, accuracy: estimator, latency: latencySource, limit: evaluations,
                                  onError: policy, memory: memorySource)
        let objective = Objective(budgetMs: budgetMs, constraint: Constraint(rawValue: constraint) ?? .hard, memoryBudgetMB: memoryBudgetMb)
        let bar = ProgressBar(label: "search \(strategy)", disabled: output.noProgress)
        let started = Date()
        var lastDraw = Date.distantPast
        evaluator.progress = { evaluator in
            let now = Date()
            guard bar.enabled, now.timeIntervalSince(lastDraw) > 0.1 || evaluator.used == evaluator.limit else { return }
            lastDraw = now
            let last = evaluator.evaluated.last.map { String(format: "last %.4g @ %.3g ms", $0.accuracy, $0.latencyMs) } ?? ""
            bar.update(done: evaluator.used, total: evaluator.limit, workDone: evaluator.used, workLeft: evaluator.limit - evaluator.used,
                       seconds: now.timeIntervalSince(started), detail: last)
        }
        let result: SearchResult
        do {
            result = try SearchRun.run(strategy: chosen, evaluator: evaluator, objective: objective, seed: seed, reference: reference)
        } catch {
            bar.finish()
            throw error
        }
        bar.finish()
        if let plot {
            let svg = ParetoPlot(title: ParetoPlot.searchTitle(space: space, strategy: strategy, accuracy: result.accuracy, latency: result.latency),
                                 accuracyLabel: ParetoPlot.accuracyLabel(result.accuracy),
                                 points: result.evaluated, front: result.pareto, budgetMs: budgetMs, best: result.best,
                                 referencePoint: (result.referencePoint.accuracy, result.referencePoint.latencyMs)).svg()
            try FileOutput.write(Data(svg.utf8), to: plot)
        }
        let runId = try SearchRunArchive.save(result, store: store)
        if output.json {
            try JSONOutput.print(SearchOutput(result, runId: runId))
            return
        }
        printHuman(result, runId: runId)
    }

    private func printHuman(_ result: SearchResult, runId: Int64) {
        var lines: [String] = []
        lines.append(String(format: "%@ search of %@: %d evaluations (%d proposals) in %.2f s, run %lld",
                            result.strategy, result.space, result.evaluations, result.proposals, result.wallSeconds, runId))
        if let budget = result.objective.budgetMs {
            lines.append(String(format: "budget: %g ms (%@ constraint)", budget, result.objective.constraint.rawValue))
        }
        if let best = result.best {
            lines.append(String(format: "best: %@\n      accuracy %.4g, latency %.4g ms", best.arch, best.accuracy, best.latencyMs))
        }
        if let budget = result.objective.memoryBudgetMB { lines.append(String(format: "memory budget: %g MB peak activation memory", budget)) }
        if let best = result.best, let memory = best.memoryMB { lines.append(String(format: "      peak activation memory %.4g MB", memory)) }
        lines.append(String(format: "Pareto front: %d archs, hypervolume %.6g (reference: accuracy %g, latency %g ms)",
                            result.pareto.count, result.hypervolume, result.referencePoint.accuracy, result.referencePoint.latencyMs))
        if pareto {
            for point in result.pareto {
                lines.append(String(format: "  %10.4g ms  %10.4g  %@", point.latencyMs, point.accuracy, point.arch))
            }
        }
        if let front = result.pareto3D, let volume = result.hypervolume3D {
            lines.append(String(format: "accuracy-latency-memory front: %d archs, hypervolume %.6g (memory ceiling %g MB)",
                                front.count, volume, result.referencePoint.memoryMB ?? 0))
            if pareto {
                for point in front {
                    lines.append(String(format: "  %10.4g ms  %10.4g MB  %10.4g  %@", point.latencyMs, point.memoryMB ?? 0, point.accuracy, point.arch))
                }
            }
        }
        if !result.failures.isEmpty {
            lines.append("skipped \(result.failures.count) archs that failed; first: \(result.failures[0])")
        }
        lines += result.notes.map { "note: \($0)" }
        if let plot { lines.append("plot: \(plot)") }
        JSONOutput.write(lines.joined(separator: "\n") + "\n")
    }

    /// The budgets of a `--compare` run: `--budget-ms`, or the `--budget-percentiles` of the
    /// space's latencies (every arch of an enumerable space, else 4,096 random ones, seed 0).
    private func budgetsForComparison(space: any SearchSpace, latency: any LatencySource) throws -> [Double] {
        if let budgetMs { return [budgetMs] }
        let wanted = try percentiles()
        guard !wanted.isEmpty else { return [] }
        let encodings = space.enumerate() ?? space.sampleDistinct(count: 4096, seed: 0)
        let latencies = encodings.compactMap { try? latency.latency(of: $0, arch: space.format($0)) }.sorted()
        guard !latencies.isEmpty else { throw CLIError(.badInput, "--budget-percentiles: the latency source (\(latency.name)) has no latency for any arch of \(space.name)") }
        return wanted.map { latencies[min(latencies.count - 1, Int(($0 / 100 * Double(latencies.count - 1)).rounded()))] }
    }
}

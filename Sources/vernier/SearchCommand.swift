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
        abstract: "Search a space for accurate architectures under a latency budget (random, evolution, mnasnet, fbnet, exhaustive).")

    @Option(help: "Search space.")
    var space: String

    @Option(help: "random, evolution (regularized), mnasnet (REINFORCE), fbnet (Gumbel-softmax) or exhaustive (NB201).")
    var strategy = "evolution"

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
    }

    func run() throws {
        let searchSpace = try Spaces.named(space)
        let side = resolution ?? searchSpace.defaultResolution
        let chosen = try Strategies.named(strategy)
        let reference = try referencePoint.map { text throws(SearchError) in try ReferencePoint(parsing: text) }
        let store = try storeOptions.open()
        let estimator = try AccuracyEstimators.make(spec: accuracy, space: searchSpace, resolution: side, timeoutSeconds: timeout,
                                                    cache: StoreAccuracyCache(store: store))
        let latencySource = try latencyOptions.make(space: searchSpace, resolution: side, store: store)
        let evaluator = Evaluator(space: searchSpace, accuracy: estimator, latency: latencySource, limit: evaluations,
                                  onError: ErrorPolicy(rawValue: onError) ?? .stop)
        let objective = Objective(budgetMs: budgetMs, constraint: Constraint(rawValue: constraint) ?? .hard)
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
        lines.append(String(format: "Pareto front: %d archs, hypervolume %.6g (reference: accuracy %g, latency %g ms)",
                            result.pareto.count, result.hypervolume, result.referencePoint.accuracy, result.referencePoint.latencyMs))
        if pareto {
            for point in result.pareto {
                lines.append(String(format: "  %10.4g ms  %10.4g  %@", point.latencyMs, point.accuracy, point.arch))
            }
        }
        if !result.failures.isEmpty {
            lines.append("skipped \(result.failures.count) archs that failed; first: \(result.failures[0])")
        }
        lines += result.notes.map { "note: \($0)" }
        if let plot { lines.append("plot: \(plot)") }
        JSONOutput.write(lines.joined(separator: "\n") + "\n")
    }
}

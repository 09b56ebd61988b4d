import ArgumentParser
import Foundation
import VernierStore

/// `vernier runs list`: one line (or JSON object) per stored search run, newest last (the store lists newest first).
struct RunsListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List stored search runs (newest last).")

    @Option(help: "Only runs of this space.")
    var space: String?

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: OutputOptions

    /// A run as listed.
    struct Row: Encodable {
        let id: Int64
        let createdAt: String
        let space: String
        let strategy: String
        let accuracy: String
        let latency: String
        let budgetMs: Double?
        let seed: Int64
        let evaluations: Int
        let bestArch: String?
        let bestAccuracy: Double?
        let bestLatencyMs: Double?
        let hypervolume: Double

        enum CodingKeys: String, CodingKey {
            case id, space, strategy, accuracy, latency, seed, evaluations, hypervolume
            case createdAt = "created_at", budgetMs = "budget_ms", bestArch = "best_arch"
            case bestAccuracy = "best_accuracy", bestLatencyMs = "best_latency_ms"
        }
    }

    func run() async throws {
        let formatter = ISO8601DateFormatter()
        let rows = try storeOptions.open().searchRuns(space: space).reversed().map { run in
            Row(id: run.id ?? 0, createdAt: formatter.string(from: run.createdAt), space: run.space, strategy: run.strategy,
                accuracy: run.accuracy, latency: run.latency, budgetMs: run.budgetMs, seed: run.seed, evaluations: run.evaluations,
                bestArch: run.bestArch, bestAccuracy: run.bestAccuracy, bestLatencyMs: run.bestLatencyMs,
                hypervolume: run.hypervolume)
        }
        if output.json { return try JSONOutput.print(rows) }
        if rows.isEmpty { return JSONOutput.write("no stored search runs\(space.map { " of \($0)" } ?? "")\n") }
        var text = ""
        for row in rows {
            let best = row.bestArch.map { arch in
                String(format: "best %.4g @ %.4g ms", row.bestAccuracy ?? .nan, row.bestLatencyMs ?? .nan) + " \(arch)"
            } ?? "no feasible arch"
            let budget = row.budgetMs.map { String(format: " under %g ms", $0) } ?? ""
            text += "\(row.id)\t\(row.createdAt)\t\(row.space) \(row.strategy)\(budget), \(row.evaluations) evaluations, "
                + String(format: "hypervolume %.6g", row.hypervolume) + "; \(best)\n"
        }
        JSONOutput.write(text)
    }
}

import Foundation
import VernierSearch
import VernierStore

/// Keeps finished searches: every search, whether started by `vernier search` or through
/// `POST /v1/search`, is saved as a search run with its whole result document.
public enum SearchRunArchive {
    /// Saves `result` and returns its run id; the stored document is `search --json`'s, with
    /// `run_id` null (the id is the row's).
    /// - Throws: ``UseCaseError`` (`storage`) when the store fails.
    public static func save(_ result: SearchResult, store: Store) throws -> Int64 {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            let document = String(decoding: try encoder.encode(SearchOutput(result, runId: nil)), as: UTF8.self)
            return try store.saveSearchRun(SearchRunRecord(
                createdAt: Date(), space: result.space, strategy: result.strategy, accuracy: result.accuracy,
                latency: result.latency, budgetMs: result.objective.budgetMs, seed: Int64(bitPattern: result.seed),
                evaluations: result.evaluations, wallSeconds: result.wallSeconds, bestArch: result.best?.arch,
                bestAccuracy: result.best?.accuracy, bestLatencyMs: result.best?.latencyMs,
                hypervolume: result.hypervolume, result: document))
        } catch { throw UseCaseError(.storage, "cannot save the search run: \(error)") }
    }
}

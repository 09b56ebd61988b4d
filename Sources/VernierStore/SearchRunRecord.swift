import Foundation
import GRDB

/// One finished search: its settings, the best architecture and the full result as JSON.
public struct SearchRunRecord: Codable, FetchableRecord, MutablePersistableRecord, Sendable, Equatable {
    /// Table name.
    public static let databaseTableName = "searchRun"

    /// Row id (assigned on insert).
    public var id: Int64?
    /// When the search finished.
    public var createdAt: Date
    /// Search space.
    public var space: String
    /// Strategy name.
    public var strategy: String
    /// Accuracy estimator spec.
    public var accuracy: String
    /// Latency source spec.
    public var latency: String
    /// Latency budget, ms.
    public var budgetMs: Double?
    /// Seed.
    public var seed: Int64
    /// Distinct architectures evaluated.
    public var evaluations: Int
    /// Wall-clock seconds.
    public var wallSeconds: Double
    /// Best architecture under the budget.
    public var bestArch: String?
    /// Its accuracy.
    public var bestAccuracy: Double?
    /// Its latency, ms.
    public var bestLatencyMs: Double?
    /// Hypervolume of the Pareto front.
    public var hypervolume: Double
    /// The result as the `search --json` document.
    public var result: String

    /// Creates a record.
    public init(id: Int64? = nil, createdAt: Date, space: String, strategy: String, accuracy: String, latency: String,
                budgetMs: Double?, seed: Int64, evaluations: Int, wallSeconds: Double, bestArch: String?,
                bestAccuracy: Double?, bestLatencyMs: Double?, hypervolume: Double, result: String) {
        self.id = id
        self.createdAt = createdAt
        self.space = space
        self.strategy = strategy
        self.accuracy = accuracy
        self.latency = latency
        self.budgetMs = budgetMs
        self.seed = seed
        self.evaluations = evaluations
        self.wallSeconds = wallSeconds
        self.bestArch = bestArch
        self.bestAccuracy = bestAccuracy
        self.bestLatencyMs = bestLatencyMs
        self.hypervolume = hypervolume
        self.result = result
    }

    /// Takes the row id GRDB assigned.
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

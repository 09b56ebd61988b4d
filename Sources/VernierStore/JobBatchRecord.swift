import Foundation
import GRDB

/// One batch of results an agent uploaded for a job, kept so that a retried upload is stored once.
public struct JobBatchRecord: Codable, FetchableRecord, PersistableRecord, Sendable, Equatable {
    /// Table name.
    public static let databaseTableName = "jobBatch"

    /// The job.
    public var jobId: String
    /// The agent's id of the batch.
    public var batchId: String
    /// How many results the batch carried.
    public var entries: Int
    /// How many of them were new.
    public var stored: Int
    /// When the batch was stored.
    public var storedAt: Date

    /// Creates a record.
    public init(jobId: String, batchId: String, entries: Int, stored: Int, storedAt: Date = Date()) {
        self.jobId = jobId
        self.batchId = batchId
        self.entries = entries
        self.stored = stored
        self.storedAt = storedAt
    }
}

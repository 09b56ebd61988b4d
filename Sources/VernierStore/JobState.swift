import GRDB

/// Where a job of the service stands.
public enum JobState: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    /// Waiting for an agent.
    case queued
    /// Leased by an agent, until its lease expires.
    case leased
    /// Finished successfully.
    case done
    /// Finished with an error.
    case failed
}

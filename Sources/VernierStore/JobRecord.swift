import Foundation
import GRDB

/// A unit of work queued for the agent of one device (profile a LUT or measure architectures).
public struct JobRecord: Codable, FetchableRecord, PersistableRecord, Sendable, Equatable {
    /// Table name.
    public static let databaseTableName = "job"

    /// Job id (a UUID string).
    public var id: String
    /// Device id whose agent runs the job.
    public var device: String
    /// What the agent does.
    public var kind: JobKind
    /// Search space.
    public var space: String
    /// Job parameters, a JSON object.
    public var parameters: String
    /// Where the job stands.
    public var state: JobState
    /// The agent holding the lease, while leased.
    public var leaseOwner: String?
    /// When the lease ends unless renewed, while leased.
    public var leaseExpiresAt: Date?
    /// How many times the job was leased.
    public var attempts: Int
    /// Results stored so far.
    public var stored: Int
    /// Why the job failed, if it did.
    public var error: String?
    /// When the job was queued.
    public var createdAt: Date
    /// When the job last changed.
    public var updatedAt: Date

    /// Creates a record.
    public init(id: String, device: String, kind: JobKind, space: String, parameters: String, state: JobState = .queued,
                leaseOwner: String? = nil, leaseExpiresAt: Date? = nil, attempts: Int = 0, stored: Int = 0,
                error: String? = nil, createdAt: Date = Date(), updatedAt: Date = Date()) {
        self.id = id
        self.device = device
        self.kind = kind
        self.space = space
        self.parameters = parameters
        self.state = state
        self.leaseOwner = leaseOwner
        self.leaseExpiresAt = leaseExpiresAt
        self.attempts = attempts
        self.stored = stored
        self.error = error
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

import Foundation
import VernierStore

/// A job as the API shows it.
public struct JobView: Codable, Sendable {
    /// Job id.
    public var id: String
    /// Device whose agent runs it.
    public var device: String
    /// What the agent does.
    public var kind: JobKind
    /// Search space.
    public var space: String
    /// Resolution, count, archs and timing overrides.
    public var parameters: JobParameters
    /// Where the job stands.
    public var state: JobState
    /// The agent holding the lease, while leased.
    public var leaseOwner: String?
    /// When the lease ends unless renewed.
    public var leaseExpiresAt: Date?
    /// Times leased.
    public var attempts: Int
    /// Results stored so far.
    public var stored: Int
    /// Why it failed, if it did.
    public var error: String?

    enum CodingKeys: String, CodingKey {
        case id, device, kind, space, parameters, state, attempts, stored, error
        case leaseOwner = "lease_owner"
        case leaseExpiresAt = "lease_expires_at"
    }

    /// The view of a stored job.
    public init(_ job: JobRecord) {
        id = job.id
        device = job.device
        kind = job.kind
        space = job.space
        parameters = (try? JSONDecoder().decode(JobParameters.self, from: Data(job.parameters.utf8))) ?? JobParameters()
        state = job.state
        leaseOwner = job.leaseOwner
        leaseExpiresAt = job.leaseExpiresAt
        attempts = job.attempts
        stored = job.stored
        error = job.error
    }
}

import Foundation
import Hummingbird
import VernierStore

/// A job as the API shows it.
public struct JobView: Codable, Sendable, ResponseEncodable {
    public var id: String
    public var device: String
    public var kind: JobKind
    public var space: String
    public var parameters: JobParameters
    public var state: JobState
    public var leaseOwner: String?
    public var leaseExpiresAt: Date?
    public var attempts: Int
    public var stored: Int
    public var error: String?

    enum CodingKeys: String, CodingKey {
        case id, device, kind, space, parameters, state, attempts, stored, error
        case leaseOwner = "lease_owner"
        case leaseExpiresAt = "lease_expires_at"
    }

    /// The view of a stored job.
    init(_ job: JobRecord) {
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

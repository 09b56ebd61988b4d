import Hummingbird
import VernierKit
import VernierModel
import VernierProfiler

/// `POST /v1/jobs`.
struct EnqueueJobRequest: Decodable {
    var device: String
    var kind: String
    var space: String
    var parameters: JobParameters?
}

/// `POST /v1/jobs/lease`.
struct LeaseRequest: Decodable {
    var device: String
    var agent: String
}

/// The reply to a results batch.
struct ResultsResponse: Codable, ResponseEncodable {
    var stored: Int
    var duplicate: Bool
    var jobStored: Int

    enum CodingKeys: String, CodingKey {
        case stored, duplicate
        case jobStored = "job_stored"
    }
}

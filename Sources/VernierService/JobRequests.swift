import Hummingbird
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

/// `heartbeat`, `complete`, `return`, and `fail` (with `error`).
struct AgentRequest: Codable {
    var agent: String
    var error: String?
}

/// `POST /v1/jobs/{id}/results`: one batch of results, stored once per `batch` id.
struct ResultsRequest: Codable {
    var agent: String
    var batch: String
    var backend: String
    /// LUT entries by layer key (profile jobs), as in a LUT file.
    var entries: [String: LUTEntry]?
    /// Whole-arch measurements (measure jobs).
    var measurements: [MeasurementUpload]?
}

/// One measured arch in a results batch.
struct MeasurementUpload: Codable {
    var arch: String
    var resolution: Int
    var medianMs: Double
    var madMs: Double
    var meanMs: Double
    var stdMs: Double
    var cv: Double
    var repetitions: Int
    var innerIterations: Int
    var settings: String

    enum CodingKeys: String, CodingKey {
        case arch, resolution, cv, repetitions, settings
        case medianMs = "median_ms"
        case madMs = "mad_ms"
        case meanMs = "mean_ms"
        case stdMs = "std_ms"
        case innerIterations = "inner_iterations"
    }
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

import Hummingbird
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

/// One measured arch in a results batch: `{"arch", "resolution", "settings"}` and the statistics
/// flat beside them, as in a LUT file.
struct MeasurementUpload: Codable {
    var arch: String
    var resolution: Int
    var stats: LatencyStats
    var settings: String

    enum CodingKeys: String, CodingKey {
        case arch, resolution, settings
    }

    /// The upload of a stored measurement.
    init(_ record: ArchMeasurementRecord) {
        arch = record.arch
        resolution = record.resolution
        stats = record.stats
        settings = record.settings
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        arch = try container.decode(String.self, forKey: .arch)
        resolution = try container.decode(Int.self, forKey: .resolution)
        stats = try LatencyStats(from: decoder)
        settings = try container.decode(String.self, forKey: .settings)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(arch, forKey: .arch)
        try container.encode(resolution, forKey: .resolution)
        try stats.encode(to: encoder)
        try container.encode(settings, forKey: .settings)
    }

    /// The record to store for `device` and `backend` in `space`.
    func record(device: String, backend: String, space: String) -> ArchMeasurementRecord {
        ArchMeasurementRecord(deviceId: device, backend: backend, space: space, resolution: resolution, arch: arch,
                              stats: stats, settings: settings)
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

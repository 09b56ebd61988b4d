import VernierModel

/// One measured arch in a results batch: `{"arch", "resolution", "settings"}` and the statistics
/// flat beside them, as in a LUT file.
public struct MeasurementUpload: Codable, Sendable {
    /// Canonical arch string.
    public var arch: String
    /// Input resolution.
    public var resolution: Int
    /// The latency and its spread.
    public var stats: LatencyStats
    /// Measurement settings, JSON.
    public var settings: String

    enum CodingKeys: String, CodingKey {
        case arch, resolution, settings
    }

    /// The upload of a stored measurement.
    public init(_ record: ArchMeasurementRecord) {
        arch = record.arch
        resolution = record.resolution
        stats = record.stats
        settings = record.settings
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        arch = try container.decode(String.self, forKey: .arch)
        resolution = try container.decode(Int.self, forKey: .resolution)
        stats = try LatencyStats(from: decoder)
        settings = try container.decode(String.self, forKey: .settings)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(arch, forKey: .arch)
        try container.encode(resolution, forKey: .resolution)
        try stats.encode(to: encoder)
        try container.encode(settings, forKey: .settings)
    }

    /// The record to store for `device` and `backend` in `space`.
    public func record(device: String, backend: String, space: String) -> ArchMeasurementRecord {
        ArchMeasurementRecord(deviceId: device, backend: backend, space: space, resolution: resolution, arch: arch,
                              stats: stats, settings: settings)
    }
}

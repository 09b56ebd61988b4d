import Foundation

/// One end-to-end latency of a whole architecture on a device and backend: a row of the store's
/// `archMeasurement` table (VernierStore declares how it is persisted).
public struct ArchMeasurementRecord: Sendable, Equatable {
    /// Device id.
    public var deviceId: String
    /// Backend name.
    public var backend: String
    /// Search space.
    public var space: String
    /// Input resolution.
    public var resolution: Int
    /// Canonical arch string.
    public var arch: String
    /// The latency and its spread.
    public var stats: LatencyStats
    /// Measurement settings, JSON.
    public var settings: String
    /// When measured.
    public var measuredAt: Date

    /// Creates a record.
    public init(deviceId: String, backend: String, space: String, resolution: Int, arch: String, stats: LatencyStats,
                settings: String, measuredAt: Date = Date()) {
        self.deviceId = deviceId
        self.backend = backend
        self.space = space
        self.resolution = resolution
        self.arch = arch
        self.stats = stats
        self.settings = settings
        self.measuredAt = measuredAt
    }
}

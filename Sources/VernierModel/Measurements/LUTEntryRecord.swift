import Foundation

/// One measured (or imported) latency of a layer config on a device and backend: a row of the
/// store's `lutEntry` table (VernierStore declares how it is persisted).
public struct LUTEntryRecord: Sendable, Equatable {
    /// Device id.
    public var deviceId: String
    /// Backend name (`native`, `runner:…`).
    public var backend: String
    /// Layer key (``LayerConfig/key``).
    public var key: String
    /// Op kind.
    public var op: String
    /// The latency and its spread.
    public var stats: LatencyStats
    /// Counter readings per call, JSON object name → value.
    public var counters: String
    /// Measurement settings, JSON.
    public var settings: String
    /// `measured` or `imported:<format>`.
    public var source: String
    /// When measured.
    public var measuredAt: Date

    /// Creates a record.
    public init(deviceId: String, backend: String, key: String, op: String, stats: LatencyStats,
                counters: String = "{}", settings: String = "{}", source: String = "measured", measuredAt: Date = Date()) {
        self.deviceId = deviceId
        self.backend = backend
        self.key = key
        self.op = op
        self.stats = stats
        self.counters = counters
        self.settings = settings
        self.source = source
        self.measuredAt = measuredAt
    }
}

import Foundation

/// One measured (or imported) latency of a layer config on a device and backend.
public struct LUTEntryRecord: Codable, Sendable, Equatable {
    /// Device id.
    public var deviceId: String
    /// Backend name (`native`, `runner:…`).
    public var backend: String
    /// Layer key (``VernierModel/LayerConfig/key``).
    public var key: String
    /// Op kind.
    public var op: String
    /// Median latency, ms.
    public var medianMs: Double
    /// Median absolute deviation, ms.
    public var madMs: Double
    /// Mean, ms.
    public var meanMs: Double
    /// Standard deviation, ms.
    public var stdMs: Double
    /// Coefficient of variation (std / mean).
    public var cv: Double
    /// Samples kept.
    public var repetitions: Int
    /// Calls per sample.
    public var innerIterations: Int
    /// Counter readings per call, JSON object name → value.
    public var counters: String
    /// Measurement settings, JSON.
    public var settings: String
    /// `measured` or `imported:<format>`.
    public var source: String
    /// When measured.
    public var measuredAt: Date

    /// Creates a record.
    public init(deviceId: String, backend: String, key: String, op: String, medianMs: Double, madMs: Double,
                meanMs: Double, stdMs: Double, cv: Double, repetitions: Int, innerIterations: Int,
                counters: String = "{}", settings: String = "{}", source: String = "measured",
                measuredAt: Date = Date()) {
        self.deviceId = deviceId
        self.backend = backend
        self.key = key
        self.op = op
        self.medianMs = medianMs
        self.madMs = madMs
        self.meanMs = meanMs
        self.stdMs = stdMs
        self.cv = cv
        self.repetitions = repetitions
        self.innerIterations = innerIterations
        self.counters = counters
        self.settings = settings
        self.source = source
        self.measuredAt = measuredAt
    }
}

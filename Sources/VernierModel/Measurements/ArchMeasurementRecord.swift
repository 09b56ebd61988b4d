import Foundation

/// One end-to-end latency of a whole architecture on a device and backend.
public struct ArchMeasurementRecord: Codable, Sendable, Equatable {
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
    /// Median latency, ms.
    public var medianMs: Double
    /// Median absolute deviation, ms.
    public var madMs: Double
    /// Mean, ms.
    public var meanMs: Double
    /// Standard deviation, ms.
    public var stdMs: Double
    /// Coefficient of variation.
    public var cv: Double
    /// Samples kept.
    public var repetitions: Int
    /// Forward passes per sample.
    public var innerIterations: Int
    /// Measurement settings, JSON.
    public var settings: String
    /// When measured.
    public var measuredAt: Date

    /// Creates a record.
    public init(deviceId: String, backend: String, space: String, resolution: Int, arch: String, medianMs: Double,
                madMs: Double, meanMs: Double, stdMs: Double, cv: Double, repetitions: Int, innerIterations: Int,
                settings: String, measuredAt: Date = Date()) {
        self.deviceId = deviceId
        self.backend = backend
        self.space = space
        self.resolution = resolution
        self.arch = arch
        self.medianMs = medianMs
        self.madMs = madMs
        self.meanMs = meanMs
        self.stdMs = stdMs
        self.cv = cv
        self.repetitions = repetitions
        self.innerIterations = innerIterations
        self.settings = settings
        self.measuredAt = measuredAt
    }
}

import VernierModel

/// The result of timing one operation: per-call statistics, the raw per-call samples, the inner
/// loop size, counter readings per call and the settings used.
public struct Measurement: Codable, Hashable, Sendable {
    /// Statistics of the kept samples, ms per call.
    public var stats: SampleStatistics
    /// Per-call times of every kept sample, ms.
    public var samplesMs: [Double]
    /// Calls per sample.
    public var innerIterations: Int
    /// Samples dropped as outliers in the kept attempt.
    public var rejected: Int
    /// Attempts made (1 + re-measurements because of a high CV).
    public var attempts: Int
    /// Counter readings per call (name → value), only for available counters.
    public var counters: [String: Double]
    /// Settings in force.
    public var settings: TimingSettings

    /// Creates a measurement.
    public init(stats: SampleStatistics, samplesMs: [Double], innerIterations: Int, rejected: Int, attempts: Int,
                counters: [String: Double], settings: TimingSettings) {
        self.stats = stats
        self.samplesMs = samplesMs
        self.innerIterations = innerIterations
        self.rejected = rejected
        self.attempts = attempts
        self.counters = counters
        self.settings = settings
    }

    /// The statistics as stored: every latency times `scale` (1 for absolute ms; a time-base or
    /// reference factor otherwise; the CV is scale-free), with the calls per sample.
    public func latencyStats(scaledBy scale: Double = 1) -> LatencyStats {
        let scaled = stats.scaled(by: scale)
        return LatencyStats(medianMs: scaled.median, madMs: scaled.mad, meanMs: scaled.mean, stdMs: scaled.std, cv: scaled.cv,
                            repetitions: scaled.count, innerIterations: innerIterations)
    }
}

/// How a latency is measured; recorded with every number.
public struct TimingSettings: Codable, Hashable, Sendable {
    /// Untimed calls before measuring (and at least `warmupMs` of them).
    public var warmupCalls: Int
    /// Minimum warm-up time, ms.
    public var warmupMs: Double
    /// The inner loop grows until one sample takes at least this long, ms.
    public var minSampleMs: Double
    /// Samples per measurement.
    public var repetitions: Int
    /// Re-measure when the CV after outlier rejection is above this.
    public var cvThreshold: Double
    /// Re-measurements allowed before keeping the steadiest attempt.
    public var maxRetries: Int
    /// Outlier rule: samples beyond this many scaled MADs from the median are dropped.
    public var outlierMADs: Double
    /// Worker threads of the backend.
    public var threads: Int

    /// Creates settings.
    public init(warmupCalls: Int = 3, warmupMs: Double = 5, minSampleMs: Double = 1.0, repetitions: Int = 15,
                cvThreshold: Double = 0.05, maxRetries: Int = 3, outlierMADs: Double = 3.5, threads: Int = 1) {
        self.warmupCalls = warmupCalls
        self.warmupMs = warmupMs
        self.minSampleMs = minSampleMs
        self.repetitions = repetitions
        self.cvThreshold = cvThreshold
        self.maxRetries = maxRetries
        self.outlierMADs = outlierMADs
        self.threads = threads
    }
}

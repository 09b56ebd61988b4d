/// The statistics of one latency measurement, wherever it is kept or sent: a LUT entry, a LUT
/// file, a stored arch latency, an agent's upload. Encoded flat, with the LUT file's keys
/// (`median_ms`, `mad_ms`, `mean_ms`, `std_ms`, `cv`, `repetitions`, `inner_iterations`), so
/// the types that embed it keep their JSON unchanged.
public struct LatencyStats: Codable, Hashable, Sendable {
    /// Median latency, ms.
    public var medianMs: Double
    /// Median absolute deviation, ms.
    public var madMs: Double
    /// Mean, ms.
    public var meanMs: Double
    /// Standard deviation, ms.
    public var stdMs: Double
    /// Coefficient of variation (std / mean); scale-free.
    public var cv: Double
    /// Samples kept.
    public var repetitions: Int
    /// Calls per sample.
    public var innerIterations: Int

    enum CodingKeys: String, CodingKey {
        case cv, repetitions
        case medianMs = "median_ms"
        case madMs = "mad_ms"
        case meanMs = "mean_ms"
        case stdMs = "std_ms"
        case innerIterations = "inner_iterations"
    }

    /// Creates statistics.
    public init(medianMs: Double, madMs: Double, meanMs: Double, stdMs: Double, cv: Double, repetitions: Int,
                innerIterations: Int) {
        self.medianMs = medianMs
        self.madMs = madMs
        self.meanMs = meanMs
        self.stdMs = stdMs
        self.cv = cv
        self.repetitions = repetitions
        self.innerIterations = innerIterations
    }

    /// One value known without spread (an imported latency): median and mean `ms`, no deviation,
    /// one sample of one call.
    public init(single ms: Double) {
        self.init(medianMs: ms, madMs: 0, meanMs: ms, stdMs: 0, cv: 0, repetitions: 1, innerIterations: 1)
    }

    /// Every latency multiplied by `factor` (a re-based entry); the CV and counts stay.
    public func scaled(by factor: Double) -> LatencyStats {
        LatencyStats(medianMs: medianMs * factor, madMs: madMs * factor, meanMs: meanMs * factor, stdMs: stdMs * factor, cv: cv,
                     repetitions: repetitions, innerIterations: innerIterations)
    }
}

/// One entry of an exported LUT file.
public struct LUTEntry: Codable, Hashable, Sendable {
    /// Op kind (or the source format's op name for imports).
    public var op: String
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
    /// Samples.
    public var repetitions: Int
    /// Calls per sample.
    public var innerIterations: Int
    /// Counter readings per call.
    public var counters: [String: Double]
    /// `measured` or `imported:<format>`.
    public var source: String

    enum CodingKeys: String, CodingKey {
        case op, cv, repetitions, counters, source
        case medianMs = "median_ms"
        case madMs = "mad_ms"
        case meanMs = "mean_ms"
        case stdMs = "std_ms"
        case innerIterations = "inner_iterations"
    }

    /// Creates an entry.
    public init(op: String, medianMs: Double, madMs: Double, meanMs: Double, stdMs: Double, cv: Double,
                repetitions: Int, innerIterations: Int, counters: [String: Double], source: String) {
        self.op = op
        self.medianMs = medianMs
        self.madMs = madMs
        self.meanMs = meanMs
        self.stdMs = stdMs
        self.cv = cv
        self.repetitions = repetitions
        self.innerIterations = innerIterations
        self.counters = counters
        self.source = source
    }
}

import VernierModel

/// What a job asks the agent to do beyond its kind and space (stored as JSON with the job).
public struct JobParameters: Codable, Hashable, Sendable {
    /// Input resolution (default: the space's).
    public var resolution: Int?
    /// `measure`: how many sampled archs.
    public var count: Int?
    /// `measure`: sampling seed.
    public var seed: UInt64?
    /// Worker threads (default: the device's).
    public var threads: Int?
    /// Samples per measurement (default 15).
    public var repetitions: Int?
    /// `measure`: these archs (canonical strings, e.g. from `vernier arch suggest`) instead of
    /// `count` sampled ones.
    public var archs: [String]?

    /// Creates parameters.
    public init(resolution: Int? = nil, count: Int? = nil, seed: UInt64? = nil, threads: Int? = nil, repetitions: Int? = nil,
                archs: [String]? = nil) {
        self.resolution = resolution
        self.count = count
        self.seed = seed
        self.threads = threads
        self.repetitions = repetitions
        self.archs = archs
    }

    /// Most archs one measure job may list.
    public static let maxArchs = 10_000

    /// The archs a measure job measures: its list, canonicalised, or `count` sampled with `seed`.
    /// - Throws: the space's parse error for a listed arch that is not of it.
    public func measureEncodings(space: any SearchSpace) throws -> [Encoding] {
        if let archs { return try archs.map { try space.parseOrNamed($0) } }
        return space.sampleDistinct(count: count ?? 1, seed: seed ?? 1)
    }
}

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

    /// Creates parameters.
    public init(resolution: Int? = nil, count: Int? = nil, seed: UInt64? = nil, threads: Int? = nil, repetitions: Int? = nil) {
        self.resolution = resolution
        self.count = count
        self.seed = seed
        self.threads = threads
        self.repetitions = repetitions
    }
}

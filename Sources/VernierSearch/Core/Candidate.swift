import VernierModel

/// One evaluated architecture: its encoding and canonical string, the accuracy estimate and the
/// latency, in the order the search evaluated it.
public struct Candidate: Hashable, Sendable, Codable {
    /// The architecture's choices.
    public var encoding: Encoding
    /// Canonical string.
    public var arch: String
    /// Estimated accuracy (the estimator's unit, e.g. top-1 percent for NB201 tables).
    public var accuracy: Double
    /// Latency, ms.
    public var latencyMs: Double
    /// 0-based position in the evaluation order.
    public var index: Int
    /// Peak activation memory, MB, when the search tracks memory (``ActivationMemory``).
    public var memoryMB: Double?

    /// Creates a candidate.
    public init(encoding: Encoding, arch: String, accuracy: Double, latencyMs: Double, index: Int, memoryMB: Double? = nil) {
        self.encoding = encoding
        self.arch = arch
        self.accuracy = accuracy
        self.latencyMs = latencyMs
        self.index = index
        self.memoryMB = memoryMB
    }

    /// Whether `self` is at least as good as `other` on both objectives and better on one
    /// (higher accuracy, lower latency).
    public func dominates(_ other: Candidate) -> Bool {
        accuracy >= other.accuracy && latencyMs <= other.latencyMs
            && (accuracy > other.accuracy || latencyMs < other.latencyMs)
    }

    /// Whether `self` is at least as good as `other` on accuracy, latency and memory and better on
    /// one (a missing memory counts as 0).
    public func dominates3D(_ other: Candidate) -> Bool {
        let (mine, theirs) = (memoryMB ?? 0, other.memoryMB ?? 0)
        return accuracy >= other.accuracy && latencyMs <= other.latencyMs && mine <= theirs
            && (accuracy > other.accuracy || latencyMs < other.latencyMs || mine < theirs)
    }

    /// Same accuracy, latency and memory.
    func isEqual3D(_ other: Candidate) -> Bool {
        accuracy == other.accuracy && latencyMs == other.latencyMs && (memoryMB ?? 0) == (other.memoryMB ?? 0)
    }
}

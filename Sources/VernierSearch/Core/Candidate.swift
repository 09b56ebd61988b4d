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

    /// Creates a candidate.
    public init(encoding: Encoding, arch: String, accuracy: Double, latencyMs: Double, index: Int) {
        self.encoding = encoding
        self.arch = arch
        self.accuracy = accuracy
        self.latencyMs = latencyMs
        self.index = index
    }

    /// Whether `self` is at least as good as `other` on both objectives and better on one
    /// (higher accuracy, lower latency).
    public func dominates(_ other: Candidate) -> Bool {
        accuracy >= other.accuracy && latencyMs <= other.latencyMs
            && (accuracy > other.accuracy || latencyMs < other.latencyMs)
    }
}

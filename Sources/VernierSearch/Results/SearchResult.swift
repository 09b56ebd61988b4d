/// What a search found: the best architecture under the budget, the Pareto front of everything
/// evaluated, its hypervolume, and how the run went.
public struct SearchResult: Sendable {
    /// Space name.
    public var space: String
    /// Strategy name.
    public var strategy: String
    /// Accuracy estimator spec.
    public var accuracy: String
    /// Latency source spec.
    public var latency: String
    /// The objective (budget, constraint).
    public var objective: Objective
    /// Seed.
    public var seed: UInt64
    /// Highest-accuracy evaluated architecture within the budget (overall without one).
    public var best: Candidate?
    /// Non-dominated evaluated architectures, by latency ascending.
    public var pareto: [Candidate]
    /// Hypervolume of ``pareto`` against ``referencePoint``.
    public var hypervolume: Double
    /// The hypervolume's reference point (with a memory ceiling when the search tracks memory).
    public var referencePoint: ReferencePoint
    /// Accuracy–latency–memory front, when the search tracks memory.
    public var pareto3D: [Candidate]?
    /// Hypervolume of ``pareto3D`` against ``referencePoint``, when the search tracks memory.
    public var hypervolume3D: Double?
    /// Distinct architectures evaluated (failures included).
    public var evaluations: Int
    /// Architectures that failed and were skipped.
    public var failures: [String]
    /// Proposals, cache hits included.
    public var proposals: Int
    /// Wall-clock seconds of the search.
    public var wallSeconds: Double
    /// Every evaluated architecture in order (for plots and the store).
    public var evaluated: [Candidate]
    /// Lines from the estimator, latency source and strategy.
    public var notes: [String]
}

/// The `search --json` document: `{"best", "pareto", "evaluations", …}` (DESIGN.md), plus the run's
/// settings, hypervolume and notes.
public struct SearchOutput: Encodable, Sendable {
    /// One arch of the result.
    public struct Point: Encodable, Sendable {
        public let arch: String
        public let accuracy: Double
        public let latencyMs: Double
        /// Peak activation memory, MB, when the search tracks memory.
        public let memoryMB: Double?

        init(_ candidate: Candidate) {
            arch = candidate.arch
            accuracy = candidate.accuracy
            latencyMs = candidate.latencyMs
            memoryMB = candidate.memoryMB
        }

        enum CodingKeys: String, CodingKey {
            case arch, accuracy
            case latencyMs = "latency_ms"
            case memoryMB = "peak_memory_mb"
        }
    }

    /// The hypervolume's reference point.
    public struct Reference: Encodable, Sendable {
        public let accuracy: Double
        public let latencyMs: Double
        public let memoryMB: Double?

        enum CodingKeys: String, CodingKey {
            case accuracy
            case latencyMs = "latency_ms"
            case memoryMB = "peak_memory_mb"
        }
    }

    public let best: Point?
    public let pareto: [Point]
    public let evaluations: Int
    public let space: String
    public let strategy: String
    public let accuracySource: String
    public let latencySource: String
    public let budgetMs: Double?
    public let memoryBudgetMB: Double?
    public let constraint: String
    public let seed: UInt64
    public let hypervolume: Double
    public let referencePoint: Reference
    /// Accuracy–latency–memory front, when the search tracks memory.
    public let pareto3D: [Point]?
    /// Its hypervolume against ``referencePoint``.
    public let hypervolume3D: Double?
    public let proposals: Int
    public let failures: [String]
    public let wallSeconds: Double
    public let notes: [String]
    public let runId: Int64?

    /// The document of `result` (stored as search run `runId`, if it was).
    public init(_ result: SearchResult, runId: Int64?) {
        best = result.best.map(Point.init)
        pareto = result.pareto.map(Point.init)
        evaluations = result.evaluations
        space = result.space
        strategy = result.strategy
        accuracySource = result.accuracy
        latencySource = result.latency
        budgetMs = result.objective.budgetMs
        memoryBudgetMB = result.objective.memoryBudgetMB
        constraint = result.objective.constraint.rawValue
        seed = result.seed
        hypervolume = result.hypervolume
        referencePoint = Reference(accuracy: result.referencePoint.accuracy, latencyMs: result.referencePoint.latencyMs,
                                   memoryMB: result.referencePoint.memoryMB)
        pareto3D = result.pareto3D?.map(Point.init)
        hypervolume3D = result.hypervolume3D
        proposals = result.proposals
        failures = result.failures
        wallSeconds = result.wallSeconds
        notes = result.notes
        self.runId = runId
    }

    enum CodingKeys: String, CodingKey {
        case best, pareto, evaluations, space, strategy, seed, hypervolume, proposals, failures, notes, constraint
        case accuracySource = "accuracy_source"
        case latencySource = "latency_source"
        case budgetMs = "budget_ms"
        case memoryBudgetMB = "memory_budget_mb"
        case pareto3D = "pareto_3d"
        case hypervolume3D = "hypervolume_3d"
        case referencePoint = "reference_point"
        case wallSeconds = "wall_seconds"
        case runId = "run_id"
    }
}

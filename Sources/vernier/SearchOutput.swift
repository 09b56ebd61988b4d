import VernierSearch

/// The `search --json` document: `{"best", "pareto", "evaluations", …}` (DESIGN.md), plus the run's
/// settings, hypervolume and notes.
struct SearchOutput: Encodable {
    struct Point: Encodable {
        let arch: String
        let accuracy: Double
        let latencyMs: Double

        init(_ candidate: Candidate) {
            arch = candidate.arch
            accuracy = candidate.accuracy
            latencyMs = candidate.latencyMs
        }

        enum CodingKeys: String, CodingKey {
            case arch, accuracy
            case latencyMs = "latency_ms"
        }
    }

    struct Reference: Encodable {
        let accuracy: Double
        let latencyMs: Double

        enum CodingKeys: String, CodingKey {
            case accuracy
            case latencyMs = "latency_ms"
        }
    }

    let best: Point?
    let pareto: [Point]
    let evaluations: Int
    let space: String
    let strategy: String
    let accuracySource: String
    let latencySource: String
    let budgetMs: Double?
    let constraint: String
    let seed: UInt64
    let hypervolume: Double
    let referencePoint: Reference
    let proposals: Int
    let failures: [String]
    let wallSeconds: Double
    let notes: [String]
    let runId: Int64?

    init(_ result: SearchResult, runId: Int64?) {
        best = result.best.map(Point.init)
        pareto = result.pareto.map(Point.init)
        evaluations = result.evaluations
        space = result.space
        strategy = result.strategy
        accuracySource = result.accuracy
        latencySource = result.latency
        budgetMs = result.objective.budgetMs
        constraint = result.objective.constraint.rawValue
        seed = result.seed
        hypervolume = result.hypervolume
        referencePoint = Reference(accuracy: result.referencePoint.accuracy, latencyMs: result.referencePoint.latencyMs)
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
        case referencePoint = "reference_point"
        case wallSeconds = "wall_seconds"
        case runId = "run_id"
    }
}

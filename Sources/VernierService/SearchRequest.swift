/// The body of `POST /v1/search`: a latency-budgeted search run on the server.
struct SearchRequest: Codable, Sendable {
    /// Search space.
    var space: String
    /// `front`, `random`, `evolution`, `mnasnet`, `fbnet` or `exhaustive`.
    var strategy: String
    /// `table:FILE[#COL]` (a file under the server's search-data directory), `zero-cost:NAME` or
    /// `surrogate:FILE`; `command:` is not run by the server.
    var accuracy: String
    /// Device whose predictor gives the latencies.
    var device: String
    /// `lut` (default), `roofline`, `flops` or `calibrated`.
    var predictor: String?
    /// LUT backend (default `native`).
    var backend: String?
    /// Input resolution (default: the space's).
    var resolution: Int?
    /// Latency budget, ms.
    var budgetMs: Double?
    /// Distinct archs to evaluate (default 1,000).
    var evaluations: Int?
    /// Seed (default 1).
    var seed: UInt64?
    /// `hard` (default) or `soft`.
    var constraint: String?
    /// Peak activation memory budget, MB (a hard constraint; the result then carries memory).
    var memoryBudgetMB: Double?

    enum CodingKeys: String, CodingKey {
        case space, strategy, accuracy, device, predictor, backend, resolution, evaluations, seed, constraint
        case budgetMs = "budget_ms"
        case memoryBudgetMB = "memory_budget_mb"
    }
}

/// One strategy's line in a ``SearchComparison``: its score per seed and their summary.
public struct SearchComparisonRow: Sendable, Codable, Equatable {
    /// Strategy name.
    public var strategy: String
    /// Latency budget of the row, ms (budget comparisons), or `nil` (Pareto comparisons).
    public var budgetMs: Double?
    /// The score of each seed, in seed order (see ``SearchComparison/metric``).
    public var scores: [Double]
    /// Mean of ``scores``.
    public var mean: Double
    /// Lowest score.
    public var lowest: Double
    /// Highest score.
    public var highest: Double
    /// Mean wall-clock seconds of one search.
    public var meanSeconds: Double
    /// Whether every seed's reported best met the hard budgets.
    public var budgetsMet: Bool

    /// Creates a row from per-seed scores.
    public init(strategy: String, budgetMs: Double?, scores: [Double], meanSeconds: Double, budgetsMet: Bool) {
        self.strategy = strategy
        self.budgetMs = budgetMs
        self.scores = scores
        mean = scores.isEmpty ? .nan : scores.reduce(0, +) / Double(scores.count)
        lowest = scores.min() ?? .nan
        highest = scores.max() ?? .nan
        self.meanSeconds = meanSeconds
        self.budgetsMet = budgetsMet
    }

    enum CodingKeys: String, CodingKey {
        case strategy, scores, mean, lowest, highest
        case budgetMs = "budget_ms"
        case meanSeconds = "mean_seconds"
        case budgetsMet = "budgets_met"
    }
}

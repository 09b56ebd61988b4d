/// How well predictions match measurements: the held-out report of `calibrate` and `evaluate`.
public struct AccuracyReport: Codable, Hashable, Sendable {
    /// Fraction of archs whose prediction is within ±5% of the measurement.
    public var within5pct: Double
    /// Fraction within ±10%.
    public var within10pct: Double
    /// Mean absolute percentage error, %.
    public var mape: Double
    /// Root mean squared error, ms.
    public var rmseMs: Double
    /// Spearman rank correlation.
    public var spearman: Double
    /// Kendall τ-b.
    public var kendall: Double
    /// Training rows behind the predictor (0 when it was not fitted).
    public var nTrain: Int
    /// Rows compared.
    public var nTest: Int

    enum CodingKeys: String, CodingKey {
        case within5pct = "within_5pct", within10pct = "within_10pct", mape, rmseMs = "rmse_ms", spearman, kendall
        case nTrain = "n_train", nTest = "n_test"
    }

    /// Compares `predicted` with `measured` (same order, measured > 0).
    public init(predicted: [Double], measured: [Double], nTrain: Int) {
        precondition(predicted.count == measured.count)
        let n = Double(max(measured.count, 1))
        var within5 = 0, within10 = 0
        var ape = 0.0, squared = 0.0
        for (p, m) in zip(predicted, measured) {
            let relative = abs(p - m) / m
            if relative <= 0.05 { within5 += 1 }
            if relative <= 0.10 { within10 += 1 }
            ape += relative
            squared += (p - m) * (p - m)
        }
        within5pct = Double(within5) / n
        within10pct = Double(within10) / n
        mape = 100 * ape / n
        rmseMs = (squared / n).squareRoot()
        spearman = RankCorrelation.spearman(predicted, measured)
        kendall = RankCorrelation.kendall(predicted, measured)
        self.nTrain = nTrain
        nTest = measured.count
    }
}

import Testing
@testable import VernierPredict

@Suite("Accuracy metrics")
struct MetricsTests {
    @Test("Rank correlations of known orderings")
    func rankCorrelation() {
        let x: [Double] = [1, 2, 3, 4, 5]
        #expect(abs(RankCorrelation.spearman(x, x.map { $0 * $0 }) - 1) < 1e-12)
        #expect(abs(RankCorrelation.kendall(x, x.reversed()) + 1) < 1e-12)
        // One swapped pair out of ten: τ = (9 − 1) / 10.
        #expect(abs(RankCorrelation.kendall(x, [2, 1, 3, 4, 5]) - 0.8) < 1e-12)
        // Spearman with one adjacent swap: 1 − 6·2 / (5·24) = 0.9.
        #expect(abs(RankCorrelation.spearman(x, [2, 1, 3, 4, 5]) - 0.9) < 1e-12)
        #expect(RankCorrelation.ranks([10, 20, 20, 30]) == [1, 2.5, 2.5, 4])
    }

    @Test("Hit rates, MAPE and RMSE")
    func report() {
        let measured: [Double] = [10, 10, 10, 10]
        let predicted: [Double] = [10.4, 10.9, 12, 7]
        let r = AccuracyReport(predicted: predicted, measured: measured, nTrain: 3)
        #expect(r.within5pct == 0.25)
        #expect(r.within10pct == 0.5)
        #expect(abs(r.mape - 100 * (0.04 + 0.09 + 0.2 + 0.3) / 4) < 1e-9)
        #expect(abs(r.rmseMs - ((0.16 + 0.81 + 4 + 9) / 4).squareRoot()) < 1e-9)
        #expect(r.nTrain == 3 && r.nTest == 4)
    }
}

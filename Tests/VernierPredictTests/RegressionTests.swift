import Testing
import VernierModel
@testable import VernierPredict

@Suite("Linear regression (LAPACK dgelsd, Huber, RANSAC)")
struct RegressionTests {
    /// y = 3 + 2·x1 − 0.5·x2 + 0.01·x3 on a grid, all positive.
    static func cleanData(count: Int = 60) -> (rows: [[Double]], y: [Double]) {
        var rng = SplitMix64(seed: 4)
        var rows: [[Double]] = []
        var y: [Double] = []
        for _ in 0..<count {
            let x = [rng.unit() * 10, rng.unit() * 4, rng.unit() * 100]
            rows.append(x)
            y.append(3 + 2 * x[0] - 0.5 * x[1] + 0.01 * x[2])
        }
        return (rows, y)
    }

    @Test("OLS recovers exact coefficients")
    func olsExact() throws {
        let (rows, y) = Self.cleanData()
        let model = try LinearRegression.fit(rows: rows, targets: y, features: ["a", "b", "c"], method: .ols)
        #expect(abs(model.intercept - 3) < 1e-9)
        #expect(abs(model.coefficients[0] - 2) < 1e-9)
        #expect(abs(model.coefficients[1] + 0.5) < 1e-9)
        #expect(abs(model.coefficients[2] - 0.01) < 1e-9)
        #expect(model.rank == 4)
    }

    @Test("Collinear features get a minimum-norm solution, not a crash")
    func collinear() throws {
        let (rows, y) = Self.cleanData()
        let doubled = rows.map { $0 + [$0[0] * 2] }
        let model = try LinearRegression.fit(rows: doubled, targets: y, features: ["a", "b", "c", "2a"], method: .ols)
        #expect(model.rank == 4)
        for (row, target) in zip(doubled, y) { #expect(abs(model.predict(row) - target) < 1e-8) }
    }

    @Test("Robust fits ignore gross outliers that pull OLS off", arguments: [FitMethod.huber, .ransac])
    func robust(method: FitMethod) throws {
        var (rows, y) = Self.cleanData(count: 80)
        for i in stride(from: 0, to: 80, by: 10) { y[i] *= 3 }  // 10% of rows 3× too slow
        let ols = try LinearRegression.fit(rows: rows, targets: y, features: ["a", "b", "c"], method: .ols)
        let robust = try LinearRegression.fit(rows: rows, targets: y, features: ["a", "b", "c"], method: method)
        let clean = Self.cleanData(count: 80)
        func worst(_ m: LinearModel) -> Double {
            zip(clean.rows, clean.y).enumerated().filter { $0.offset % 10 != 0 }
                .map { abs(m.predict($0.element.0) - $0.element.1) / $0.element.1 }.max()!
        }
        #expect(worst(ols) > 0.05)
        #expect(worst(robust) < 0.01)
        #expect(robust.inliers < 80)
    }

    @Test("Too few rows for the features is a clear error")
    func tooFewRows() {
        #expect(throws: PredictError.self) {
            try LinearRegression.fit(rows: [[1, 2], [2, 3], [3, 5]], targets: [1, 2, 3], features: ["a", "b"], method: .ols)
        }
        do {
            _ = try LinearRegression.fit(rows: [[1, 2], [2, 3], [3, 5]], targets: [1, 2, 3], features: ["a", "b"], method: .ols)
        } catch {
            #expect(error.code == .tooFewRows)
            #expect(error.message.contains("give at least 4"))
        }
    }
}

/// Weighted ridge regression with an unpenalised intercept, solved through LAPACK on the
/// standardized design augmented with √λ rows (the few-shot fits have 5–40 rows and at most a
/// dozen columns). Coefficients come back in raw units.
enum RidgeFit {
    /// Fits `targets ≈ intercept + rows · coefficients`, minimising
    /// Σ (wᵢ (ŷᵢ − yᵢ))² + λ Σ βⱼ² over standardized columns.
    /// - Parameters:
    ///   - rows: feature rows, all of one width.
    ///   - targets: values to fit.
    ///   - weights: row weights (relative residuals: 1/y; log targets: 1).
    ///   - ridge: λ, on the standardized scale.
    /// - Returns: raw coefficients and intercept.
    /// - Throws: ``PredictError`` (`fitFailed`) when LAPACK fails.
    static func fit(rows: [[Double]], targets: [Double], weights: [Double], ridge: Double) throws(PredictError)
        -> (coefficients: [Double], intercept: Double) {
        let standardizer = Standardizer(rows: rows)
        let width = rows.first?.count ?? 0
        var design = rows.map { standardizer.apply($0) + [1] }
        var y = targets
        var w = weights
        let root = ridge.squareRoot()
        for j in 0..<width where ridge > 0 {
            var penalty = [Double](repeating: 0, count: width + 1)
            penalty[j] = root
            design.append(penalty)
            y.append(0)
            w.append(1)
        }
        let solution = try LinearRegression.solve(design, y, w)
        let (coefficients, intercept) = standardizer.raw(solution.x)
        return (coefficients, intercept)
    }
}

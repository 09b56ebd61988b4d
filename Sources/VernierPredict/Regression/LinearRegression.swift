import CLinearAlgebra
import VernierModel

/// Fits ``LinearModel``s by least squares through LAPACK (`dgelsd`, SVD-based, so collinear
/// features get the minimum-norm solution instead of a singular-matrix failure).
///
/// Latency errors matter relative to the latency, so every fit minimises *relative* residuals:
/// row i is weighted by 1/yᵢ (targets must be positive). Features are standardized before the
/// solve and the coefficients converted back to raw units.
public enum LinearRegression {
    /// Fits `targets ≈ intercept + rows · coefficients`.
    /// - Parameters:
    ///   - rows: one feature row per training example, each `features.count` long.
    ///   - targets: positive values to fit.
    ///   - features: feature names.
    ///   - method: OLS, Huber or RANSAC.
    ///   - seed: RANSAC's random subsets.
    ///   - weights: row weights (default 1/target: relative residuals).
    /// - Throws: ``PredictError`` (`tooFewRows`) when there are not at least two more rows than
    ///   features, or (`fitFailed`) when LAPACK fails.
    public static func fit(rows: [[Double]], targets: [Double], features: [String], method: FitMethod,
                           seed: UInt64 = 1, weights: [Double]? = nil) throws(PredictError) -> LinearModel {
        let n = features.count
        guard rows.count >= n + 2 else {
            throw PredictError(.tooFewRows, "\(rows.count) training rows are too few for \(n) features plus an intercept; give at least \(n + 2)")
        }
        guard rows.allSatisfy({ $0.count == n }), targets.count == rows.count else {
            throw PredictError(.fitFailed, "every row needs \(n) feature values and one target")
        }
        let standardizer = Standardizer(rows: rows)
        let design = rows.map { standardizer.apply($0) + [1] }
        let weights = weights ?? targets.map { 1 / max(abs($0), 1e-12) }
        var solution: (x: [Double], rank: Int)
        var inliers = rows.count
        switch method {
        case .ols:
            solution = try solve(design, targets, weights)
        case .huber:
            (solution, inliers) = try huber(design, targets, weights)
        case .ransac:
            (solution, inliers) = try ransac(design, targets, weights, seed: seed)
        }
        let (coefficients, intercept) = standardizer.raw(solution.x)
        return LinearModel(features: features, coefficients: coefficients, intercept: intercept, fit: method,
                           rank: solution.rank, inliers: inliers)
    }

    /// Weighted least squares: minimises Σ (wᵢ (aᵢ·x − yᵢ))².
    static func solve(_ design: [[Double]], _ y: [Double], _ w: [Double]) throws(PredictError) -> (x: [Double], rank: Int) {
        let m = design.count
        let n = design[0].count
        var a = [Double](repeating: 0, count: m * n)
        var b = [Double](repeating: 0, count: m)
        for i in 0..<m {
            for j in 0..<n { a[i * n + j] = design[i][j] * w[i] }
            b[i] = y[i] * w[i]
        }
        var x = [Double](repeating: 0, count: n)
        let rank = vl_least_squares(a, b, Int32(m), Int32(n), 1e-10, &x, nil)
        guard rank >= 0, x.allSatisfy(\.isFinite) else {
            throw PredictError(.fitFailed, "least squares failed (LAPACK dgelsd status \(rank)) on \(m) rows × \(n) columns")
        }
        return (x, Int(rank))
    }

    /// Relative residuals (prediction − y) / y of a solution.
    static func residuals(_ design: [[Double]], _ y: [Double], _ w: [Double], _ x: [Double]) -> [Double] {
        design.indices.map { i in
            var p = 0.0
            for j in x.indices { p += design[i][j] * x[j] }
            return (p - y[i]) * w[i]
        }
    }

    /// Huber IRLS with δ = 1.345 · (MAD-based σ of the residuals), at most 50 rounds.
    static func huber(_ design: [[Double]], _ y: [Double], _ w: [Double]) throws(PredictError) -> ((x: [Double], rank: Int), Int) {
        var solution = try solve(design, y, w)
        var fullWeight = y.count
        for _ in 0..<50 {
            let r = residuals(design, y, w, solution.x)
            let sigma = max(1.4826 * median(r.map(abs)), 1e-9)
            let delta = 1.345 * sigma
            let robust = r.map { abs($0) <= delta ? 1.0 : (delta / abs($0)).squareRoot() }
            fullWeight = robust.filter { $0 == 1 }.count
            let next = try solve(design, y, zip(w, robust).map { $0 * $1 })
            let change = zip(next.x, solution.x).map { abs($0 - $1) }.max() ?? 0
            let size = solution.x.map(abs).max() ?? 1
            solution = next
            if change <= 1e-8 * max(size, 1) { break }
        }
        return (solution, fullWeight)
    }

    /// RANSAC: 300 random minimal subsets (columns + 1 rows); a row is an inlier when its relative
    /// residual is within 2.5 × the median relative residual of the full OLS fit (at least 1%).
    static func ransac(_ design: [[Double]], _ y: [Double], _ w: [Double], seed: UInt64) throws(PredictError) -> ((x: [Double], rank: Int), Int) {
        let full = try solve(design, y, w)
        let threshold = max(0.01, 2.5 * median(residuals(design, y, w, full.x).map(abs)))
        let m = design.count
        let subset = min(m, design[0].count + 1)
        var rng = SplitMix64(seed: seed)
        var best: [Int] = []
        var bestError = Double.infinity
        for _ in 0..<300 {
            var indices = Array(0..<m)
            for k in 0..<subset { indices.swapAt(k, k + rng.below(m - k)) }
            let chosen = Array(indices.prefix(subset))
            guard let candidate = try? solve(chosen.map { design[$0] }, chosen.map { y[$0] }, chosen.map { w[$0] }) else { continue }
            let r = residuals(design, y, w, candidate.x)
            let inliers = r.indices.filter { abs(r[$0]) <= threshold }
            let error = inliers.reduce(0.0) { $0 + r[$1] * r[$1] }
            if inliers.count > best.count || (inliers.count == best.count && error < bestError) {
                best = inliers
                bestError = error
            }
        }
        guard best.count >= design[0].count + 1 else { return (full, m) }
        let refit = try solve(best.map { design[$0] }, best.map { y[$0] }, best.map { w[$0] })
        return (refit, best.count)
    }

    /// Median of a non-empty array (0 when empty).
    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }
}

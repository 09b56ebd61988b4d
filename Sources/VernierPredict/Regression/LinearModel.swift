/// A fitted linear model `y = intercept + Σ coefficient_j · x_j` over named features, with the
/// coefficients given in the features' own units.
public struct LinearModel: Codable, Hashable, Sendable {
    /// Feature names, in the order of ``coefficients``.
    public var features: [String]
    /// One coefficient per feature (raw units).
    public var coefficients: [Double]
    /// Constant term.
    public var intercept: Double
    /// How it was fitted.
    public var fit: FitMethod
    /// Numerical rank of the standardized design matrix (features + intercept); below
    /// `features.count + 1` means some features were collinear and got the minimum-norm share.
    public var rank: Int
    /// Training rows that counted as inliers (all rows for OLS; RANSAC's consensus set; Huber's
    /// rows with full weight).
    public var inliers: Int

    /// Creates a model.
    public init(features: [String], coefficients: [Double], intercept: Double, fit: FitMethod, rank: Int, inliers: Int) {
        self.features = features
        self.coefficients = coefficients
        self.intercept = intercept
        self.fit = fit
        self.rank = rank
        self.inliers = inliers
    }

    /// The model's value for one row of feature values (same order as ``features``).
    @inlinable
    public func predict(_ row: [Double]) -> Double {
        var y = intercept
        for j in 0..<coefficients.count { y += coefficients[j] * row[j] }
        return y
    }
}

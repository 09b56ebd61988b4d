/// How a linear model is fitted.
public enum FitMethod: String, Codable, Hashable, Sendable, CaseIterable {
    /// Ordinary least squares (LAPACK `dgelsd`).
    case ols
    /// Huber M-estimator by iteratively reweighted least squares: residuals beyond 1.345 robust
    /// standard deviations get weight δ/|r|, so outliers pull linearly, not quadratically.
    case huber
    /// RANSAC: fit many minimal random subsets, keep the largest consensus set, refit it by OLS.
    case ransac
}

extension LatencyStats {
    /// The first statistic no measurement can have, or `nil`: the median must be finite and
    /// positive, the spread (MAD, mean, std, CV) finite and not negative, and a measurement has
    /// at least one sample of at least one call.
    public var implausibleFigure: String? {
        guard medianMs.isFinite, medianMs > 0 else { return "median_ms = \(medianMs) must be a finite positive number" }
        for (name, value) in [("mad_ms", madMs), ("mean_ms", meanMs), ("std_ms", stdMs), ("cv", cv)]
        where !(value.isFinite && value >= 0) {
            return "\(name) = \(value) must be a finite number, not negative"
        }
        if repetitions < 1 { return "repetitions = \(repetitions) must be at least 1" }
        if innerIterations < 1 { return "inner_iterations = \(innerIterations) must be at least 1" }
        return nil
    }
}

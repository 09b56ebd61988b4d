/// Robust summary of repeated timing samples.
public struct SampleStatistics: Codable, Hashable, Sendable {
    /// Median, ms.
    public var median: Double
    /// Median absolute deviation, ms (unscaled).
    public var mad: Double
    /// Mean, ms.
    public var mean: Double
    /// Sample standard deviation, ms.
    public var std: Double
    /// Coefficient of variation, `std / mean`.
    public var cv: Double
    /// Samples summarised (after outlier rejection).
    public var count: Int

    /// Summarises `samples` (at least one).
    public init(_ samples: [Double]) {
        precondition(!samples.isEmpty, "no samples")
        let sorted = samples.sorted()
        let center = Self.median(sorted)
        median = center
        mad = Self.median(sorted.map { abs($0 - center) }.sorted())
        mean = samples.reduce(0, +) / Double(samples.count)
        let m = mean
        let variance = samples.count > 1 ? samples.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(samples.count - 1) : 0
        std = variance.squareRoot()
        cv = mean > 0 ? std / mean : 0
        count = samples.count
    }

    /// The same summary with every time multiplied by `factor` (the CV and count are unchanged):
    /// ratios to a reference put back into ms.
    public func scaled(by factor: Double) -> SampleStatistics {
        var copy = self
        copy.median *= factor
        copy.mad *= factor
        copy.mean *= factor
        copy.std *= factor
        return copy
    }

    /// Median of sorted values.
    static func median(_ sorted: [Double]) -> Double {
        let n = sorted.count
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
    }

    /// `samples` without outliers: values farther than `threshold` scaled MADs (1.4826·MAD ≈ σ)
    /// from the median. Keeps everything when the MAD is zero.
    public static func rejectingOutliers(_ samples: [Double], threshold: Double = 3.5) -> [Double] {
        guard samples.count >= 5 else { return samples }
        let sorted = samples.sorted()
        let center = median(sorted)
        let spread = 1.4826 * median(sorted.map { abs($0 - center) }.sorted())
        guard spread > 0 else { return samples }
        return samples.filter { abs($0 - center) <= threshold * spread }
    }
}

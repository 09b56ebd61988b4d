/// One measured architecture ready for fitting: its text, its full feature vector (order of
/// ``FeatureExtractor/names``) and its measured latency.
public struct CalibrationSample: Hashable, Sendable {
    /// Canonical arch string.
    public var arch: String
    /// Every feature's value.
    public var features: [Double]
    /// Measured latency, ms (positive).
    public var measuredMs: Double

    /// Creates a sample.
    public init(arch: String, features: [Double], measuredMs: Double) {
        self.arch = arch
        self.features = features
        self.measuredMs = measuredMs
    }
}

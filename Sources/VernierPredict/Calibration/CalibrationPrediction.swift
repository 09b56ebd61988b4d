/// One architecture of a calibration with what the fitted model predicts for it and what was
/// measured: the points of `calibrate --plot`.
public struct CalibrationPrediction: Hashable, Sendable {
    /// Canonical arch string.
    public var arch: String
    /// Measured latency, ms.
    public var measuredMs: Double
    /// The calibrated model's prediction, ms.
    public var predictedMs: Double

    /// Creates one.
    public init(arch: String, measuredMs: Double, predictedMs: Double) {
        self.arch = arch
        self.measuredMs = measuredMs
        self.predictedMs = predictedMs
    }
}

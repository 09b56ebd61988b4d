import VernierModel

/// Latency linear in MACs: `2·MACs / rate + offset`. Uncalibrated, the rate is the device's
/// achieved sgemm GFLOP/s (the best a dense convolution can do) and the offset 0.
public struct FLOPsPredictor: LatencyPredictor {
    /// Effective GFLOP/s.
    public var gflops: Double
    /// Fixed overhead, ms.
    public var offsetMs: Double

    /// Creates the predictor.
    public init(gflops: Double, offsetMs: Double = 0) {
        self.gflops = gflops
        self.offsetMs = offsetMs
    }

    /// The uncalibrated predictor of a device: its achieved sgemm GFLOP/s, no offset.
    /// - Throws: ``PredictError`` (`missingInput`) when the profile has no roofline yet.
    public init(profile: DeviceProfile) throws(PredictError) {
        guard let roofline = profile.roofline else {
            throw PredictError(.missingInput, "device \(profile.id) has no roofline yet; run `vernier roofline --device \(profile.id)`")
        }
        self.init(gflops: roofline.sgemmGflops)
    }

    public var name: String { "flops" }

    public func predict(_ architecture: Architecture) throws(PredictError) -> Double {
        Double(architecture.cost.flops) / (gflops * 1e6) + offsetMs
    }
}

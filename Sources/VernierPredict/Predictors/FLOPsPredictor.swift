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

    public var name: String { "flops" }

    public func predict(_ architecture: Architecture) throws(PredictError) -> Double {
        Double(architecture.cost.flops) / (gflops * 1e6) + offsetMs
    }
}

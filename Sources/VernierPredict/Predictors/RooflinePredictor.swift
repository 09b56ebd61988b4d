import VernierModel

/// Per layer, the slower of compute (2·MACs / peak) and memory (bytes / bandwidth of the level
/// the working set fits in); summed over layers.
public struct RooflinePredictor: LatencyPredictor {
    /// The device's roofline at the thread count used.
    public var roofline: RooflineModel

    /// Creates the predictor.
    public init(roofline: RooflineModel) { self.roofline = roofline }

    public var name: String { "roofline" }

    public func predict(_ architecture: Architecture) throws(PredictError) -> Double {
        var total = 0.0
        for node in architecture.nodes {
            let t = roofline.times(node.layer.cost)
            total += max(t.computeMs, t.memoryMs)
        }
        return total
    }
}

import VernierModel

/// The sum of the LUT latencies of the architecture's layers. A layer missing from the LUT is an
/// error naming its key, never a silent zero.
public struct LUTSumPredictor: LatencyPredictor {
    /// Layer key → median latency, ms.
    public var lut: [String: Double]

    /// Creates the predictor.
    public init(lut: [String: Double]) { self.lut = lut }

    public var name: String { "lut" }

    public func predict(_ architecture: Architecture) throws(PredictError) -> Double {
        var total = 0.0
        for node in architecture.nodes {
            guard let ms = lut[node.layer.key] else {
                throw PredictError(.missingLUTEntry, "the LUT has no entry for layer \(node.layer.key) (of \(architecture.text)); profile it with `vernier profile --space \(architecture.space == "custom" ? "custom --model <the model's JSON>" : architecture.space)`")
            }
            total += ms
        }
        return total
    }
}

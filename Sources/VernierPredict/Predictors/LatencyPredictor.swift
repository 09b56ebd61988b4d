import VernierModel

/// Something that estimates the latency of a whole architecture on one device, in ms.
public protocol LatencyPredictor: Sendable {
    /// `flops`, `roofline`, `lut` or `calibrated`.
    var name: String { get }
    /// The predicted latency of `architecture`, ms.
    /// - Throws: ``PredictError`` when the predictor lacks data for it (e.g. a missing LUT entry).
    func predict(_ architecture: Architecture) throws(PredictError) -> Double
}

import Hummingbird

/// The reply of `POST /v1/predict`: latencies in the order of the request's archs (or of the
/// sampled archs, which are then listed).
struct PredictResponse: ResponseEncodable {
    var device: String
    var space: String
    var predictor: String
    var latencyMs: [Double]
    /// The archs sampled for a request with `sample` (absent when the request listed its archs).
    var archs: [String]?

    enum CodingKeys: String, CodingKey {
        case device, space, predictor, archs
        case latencyMs = "latency_ms"
    }
}

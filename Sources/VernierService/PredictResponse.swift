import Hummingbird

/// The reply of `POST /v1/predict`: latencies in the order of the request's archs.
struct PredictResponse: ResponseEncodable {
    var device: String
    var space: String
    var predictor: String
    var latencyMs: [Double]

    enum CodingKeys: String, CodingKey {
        case device, space, predictor
        case latencyMs = "latency_ms"
    }
}

/// The body of `POST /v1/predict`.
struct PredictRequest: Decodable {
    /// Device id.
    var device: String
    /// Search space.
    var space: String
    /// `lut` (default), `roofline`, `flops` or `calibrated`.
    var predictor: String?
    /// LUT backend (default `native`).
    var backend: String?
    /// Input resolution (default: the space's).
    var resolution: Int?
    /// Canonical arch strings (or named archs).
    var archs: [String]
}

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
    /// Canonical arch strings (or named archs); or, instead, ``sample``.
    var archs: [String]?
    /// How many distinct archs of the space to sample and predict, instead of ``archs``.
    var sample: Int?
    /// Seed of the sample (default 1).
    var seed: UInt64?
}

/// The body of `POST /v1/devices/{id}/calibrate`: archs measured on the device, and which
/// reference devices to learn from.
struct CalibrateRequest: Decodable {
    /// One measured arch.
    struct Measurement: Decodable {
        /// Canonical arch string.
        var arch: String
        /// Measured latency, ms.
        var latencyMs: Double

        enum CodingKeys: String, CodingKey {
            case arch
            case latencyMs = "latency_ms"
        }
    }

    /// Search space.
    var space: String
    /// Input resolution (default: the space's).
    var resolution: Int?
    /// The measured archs.
    var measurements: [Measurement]
    /// `all` (default) or comma-separated `DEV[/BACKEND]`.
    var transfer: String?
    /// Training archs (default: all of them; the rest are held out).
    var train: Int?
    /// Seed of the split.
    var seed: Int?
}

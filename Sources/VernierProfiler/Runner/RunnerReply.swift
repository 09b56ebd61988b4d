/// One reply line of the runner protocol: samples or an error for the request with `id`.
struct RunnerReply: Decodable {
    /// The request's id (`null` when the runner could not read the request).
    var id: Int?
    /// Per-call latency of each sample, ms.
    var samplesMs: [Double]?
    /// Calls per sample.
    var inner: Int?
    /// What went wrong, if anything.
    var error: String?
    /// The reference's sample after each sample, when the request had a reference.
    var referenceSamplesMs: [Double]?

    enum CodingKeys: String, CodingKey {
        case id, inner, error
        case samplesMs = "samples_ms"
        case referenceSamplesMs = "reference_samples_ms"
    }
}

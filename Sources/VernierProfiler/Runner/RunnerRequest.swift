/// One request line of the runner protocol (DESIGN.md): build `spec` and time it (interleaved
/// with `reference`, when given).
struct RunnerRequest<Spec: Encodable>: Encodable {
    var id: Int
    var kind: String
    var space: String
    var spec: Spec?
    var warmup: Int
    var repetitions: Int
    var minSampleMs: Double
    var threads: Int
    /// A second spec timed interleaved with `spec`, sample by sample (optional in the protocol).
    var reference: Spec?

    enum CodingKeys: String, CodingKey {
        case id, kind, space, spec, warmup, repetitions, threads, reference
        case minSampleMs = "min_sample_ms"
    }
}

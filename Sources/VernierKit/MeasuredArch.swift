/// One arch's stored end-to-end latency, as `vernier measure --json` lists it.
public struct MeasuredArch: Encodable, Sendable {
    /// Canonical arch string.
    public let arch: String
    /// Median latency, ms.
    public let latencyMs: Double
    /// Coefficient of variation of the samples.
    public let cv: Double

    enum CodingKeys: String, CodingKey { case arch, latencyMs = "latency_ms", cv }
}

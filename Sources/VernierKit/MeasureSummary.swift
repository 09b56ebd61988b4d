import VernierProfiler

/// The outcome of measuring sampled archs end to end (`vernier measure --json`).
public struct MeasureSummary: Encodable, Sendable {
    /// Device id.
    public let device: String
    /// Space the archs belong to.
    public let space: String
    /// Backend name.
    public let backend: String
    /// Input resolution.
    public let resolution: Int
    /// What was measured, skipped and failed.
    public let report: LUTBuildReport
    /// The stored latency of every distinct sampled arch, in sample order.
    public let measurements: [MeasuredArch]
    /// How many archs of this space, backend and resolution the device has stored in all.
    public let storedInSpace: Int

    enum CodingKeys: String, CodingKey {
        case device, space, backend, resolution, report, measurements
    }
}

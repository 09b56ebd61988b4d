import VernierModel
import VernierProfiler

/// The outcome of profiling one space's layers on a device (`vernier profile --json`, one per space).
public struct ProfileSummary: Encodable, Sendable {
    /// Device id.
    public let device: String
    /// Space whose layers were profiled.
    public let space: String
    /// Backend name.
    public let backend: String
    /// The time base entries were scaled to (`nil`: absolute ms).
    public let timeBase: TimeBase?
    /// The runner's handshake (`nil` for the native backend).
    public let runner: [String: String]?
    /// The runner's per-call floor subtracted from every entry, ms.
    public let runnerOverheadMs: Double?
    /// What the build measured, skipped and failed.
    public let report: LUTBuildReport

    enum CodingKeys: String, CodingKey {
        case device, space, backend, report, runner
        case timeBase = "time_base"
        case runnerOverheadMs = "runner_overhead_ms"
    }
}

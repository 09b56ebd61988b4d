import VernierModel
import VernierProfiler

/// `profile`: builds the LUT of a space's distinct layers on a session's device, committing every
/// entry as it is measured (a killed run resumes; concurrent runs share the work).
public struct ProfileRun: Sendable {
    /// Timings per entry, seconds apart (the fastest is stored).
    public let passes: Int

    /// Creates the use case.
    /// - Throws: ``UseCaseError`` (`badInput`) when `passes` is below 1.
    public init(passes: Int) throws {
        guard passes >= 1 else { throw UseCaseError(.badInput, "--passes must be at least 1, got \(passes)") }
        self.passes = passes
    }

    /// Profiles `space` at `resolution` (nil: the space's own) in `session`; with `limit` > 0, at
    /// most that many layers the device lacks. `progress` sees the running report and the key just done.
    public func run(session: MeasuringSession, space: any SearchSpace, resolution: Int?, limit: Int,
                    progress: (_ report: LUTBuildReport, _ key: String) -> Void) throws -> ProfileSummary {
        let backend = session.backend
        let builder = LUTBuilder(store: StoreSink(session.store), deviceID: session.profile.id, backend: backend, harness: session.harness,
                                 timeBase: session.timeBase, passes: passes)
        var layers = space.distinctLayers(resolution: resolution)
        if limit > 0 {
            let present = try session.store.lutKeys(device: session.profile.id, backend: backend.name)
            layers = Array(layers.filter { !present.contains($0.key) }.prefix(limit))
        }
        let report = try builder.build(layers: layers) { report, key in progress(report, key) }
        let runner = backend as? RunnerBackend
        return ProfileSummary(device: session.profile.id, space: space.name, backend: backend.name, timeBase: session.timeBase,
                              runner: runner?.info, runnerOverheadMs: runner?.overheadMs, report: report)
    }
}

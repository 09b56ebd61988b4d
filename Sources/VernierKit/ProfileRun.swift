import VernierModel
import VernierProfiler

/// `profile`: builds the LUT of a space's distinct layers on a session's device, committing every
/// entry as it is measured (a killed run resumes; concurrent runs share the work).
public struct ProfileRun: Sendable {
    /// Timings per entry, seconds apart (the fastest is stored).
    public let passes: Int
    /// Stored entries of the space whose CV is above this are measured again and replaced.
    public let remeasureCV: Double?

    /// Creates the use case.
    /// - Throws: ``UseCaseError`` (`badInput`) when `passes` is below 1 or `remeasureCV` is not in (0, 10].
    public init(passes: Int, remeasureCV: Double? = nil) throws {
        guard passes >= 1 else { throw UseCaseError(.badInput, "--passes must be at least 1, got \(passes)") }
        if let remeasureCV, !(remeasureCV > 0 && remeasureCV <= 10) {
            throw UseCaseError(.badInput, "--remeasure-cv \(remeasureCV) must be a CV in (0, 10], e.g. 0.05")
        }
        self.passes = passes
        self.remeasureCV = remeasureCV
    }

    /// Profiles `space` at `resolution` (nil: the space's own) in `session`; with `limit` > 0, at
    /// most that many layers the device lacks; with ``remeasureCV``, stored entries noisier than
    /// it again. `progress` sees the running report and the key just done.
    public func run(session: MeasuringSession, space: any SearchSpace, resolution: Int?, limit: Int,
                    progress: (_ report: LUTBuildReport, _ key: String) -> Void) throws -> ProfileSummary {
        try run(session: session, name: space.name, layers: space.distinctLayers(resolution: resolution), limit: limit, progress: progress)
    }

    /// Profiles the distinct layers of custom models (`profile --space custom --model FILE`).
    public func run(session: MeasuringSession, models: [Architecture], limit: Int,
                    progress: (_ report: LUTBuildReport, _ key: String) -> Void) throws -> ProfileSummary {
        var seen = Set<String>()
        let layers = models.flatMap(\.layers).filter { seen.insert($0.key).inserted }
        return try run(session: session, name: "custom", layers: layers, limit: limit, progress: progress)
    }

    /// Profiles `layers` (deduplicated by key by the builder) under the name `name`.
    func run(session: MeasuringSession, name: String, layers: [LayerConfig], limit: Int,
             progress: (_ report: LUTBuildReport, _ key: String) -> Void) throws -> ProfileSummary {
        let backend = session.backend
        let builder = LUTBuilder(store: StoreSink(session.store), deviceID: session.profile.id, backend: backend, harness: session.harness,
                                 timeBase: session.timeBase, passes: passes)
        var layers = layers
        var remeasuring: Set<String> = []
        if let remeasureCV {
            remeasuring = Set(try session.store.lutEntries(device: session.profile.id, backend: backend.name,
                                                           keys: Set(layers.map(\.key)))
                .filter { $0.stats.cv > remeasureCV }.map(\.key))
        }
        if limit > 0 {
            let present = try session.store.lutKeys(device: session.profile.id, backend: backend.name).subtracting(remeasuring)
            layers = Array(layers.filter { !present.contains($0.key) }.prefix(limit))
        }
        let report = try builder.build(layers: layers, remeasuring: remeasuring) { report, key in progress(report, key) }
        let runner = backend as? RunnerBackend
        return ProfileSummary(device: session.profile.id, space: name, backend: backend.name, timeBase: session.timeBase,
                              runner: runner?.info, runnerOverheadMs: runner?.overheadMs, report: report)
    }
}

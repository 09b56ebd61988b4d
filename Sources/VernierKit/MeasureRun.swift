import VernierModel
import VernierProfiler

/// `measure`: times sampled archs of a space end to end on a session's device, each stored as
/// soon as it is measured (a killed run resumes), on the device's time base when it has one.
public enum MeasureRun {
    /// Measures `count` archs of `space` sampled with `seed` at `resolution` (nil: the space's).
    /// `progress` sees the running report and the arch just done.
    public static func run(session: MeasuringSession, space: any SearchSpace, count: Int, seed: UInt64, resolution: Int?,
                           progress: (_ report: LUTBuildReport, _ arch: String) -> Void) throws -> MeasureSummary {
        let side = resolution ?? space.defaultResolution
        let encodings = space.sample(count: count, seed: seed)
        let measurer = ArchitectureMeasurer(store: StoreSink(session.store), deviceID: session.profile.id, backend: session.backend,
                                            harness: session.harness, timeBase: session.timeBase)
        let report = try measurer.measure(space: space, encodings: encodings, resolution: side) { report, arch in
            progress(report, arch)
        }
        let stored = Dictionary(uniqueKeysWithValues: try session.store.archMeasurements(
            device: session.profile.id, backend: session.backend.name, space: space.name, resolution: side).map { ($0.arch, $0) })
        var results: [MeasuredArch] = []
        var seen = Set<String>()
        for encoding in encodings {
            let text = space.format(encoding)
            guard seen.insert(text).inserted, let record = stored[text] else { continue }
            results.append(MeasuredArch(arch: text, latencyMs: record.stats.medianMs, cv: record.stats.cv))
        }
        return MeasureSummary(device: session.profile.id, space: space.name, backend: session.backend.name, resolution: side,
                              report: report, measurements: results, storedInSpace: stored.count)
    }
}

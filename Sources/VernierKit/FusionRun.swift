import VernierModel
import VernierProfiler

/// `fusion`: finds the op pairs a backend fuses (nn-Meter's rule T1 + T2 − T12 > 0.5·min(T1, T2)),
/// keeps the rules in the device profile, times a space's primitive ops, and compares LUT sums
/// with and without the rules against the archs measured on the device.
public struct FusionRun {
    /// Rounds of timing T1, T2 and T12 in turn; each takes its median over the rounds.
    public let rounds: Int

    /// Creates the use case.
    /// - Throws: ``UseCaseError`` (`badInput`) when `rounds` is below 1.
    public init(rounds: Int) throws {
        guard rounds >= 1 else { throw UseCaseError(.badInput, "--rounds must be at least 1, got \(rounds)") }
        self.rounds = rounds
    }

    /// Runs it in `session` for `space` at `side`, saving the profile (with the rules) to the
    /// store and to `directory`. `pairsDone` sees the pairs timed; `primitivesProgress` the build.
    public func run(session: MeasuringSession, space: any SearchSpace, side: Int, directory: String?,
                    pairsDone: (_ done: Int, _ total: Int) -> Void,
                    primitivesProgress: (_ report: LUTBuildReport, _ key: String) -> Void) throws -> FusionSummary {
        let backend = session.backend
        let pairs = FusionPair.standard
        // Fusion is the graph optimiser's doing, not the thread count's; a runner times the pairs
        // on one thread, which keeps a pool's wake-up per call (tens of µs on a VM) out of
        // T1 + T2 − T12. (The native backend's thread count is global; it fuses nothing anyway.)
        // Many short rounds rather than a few long ones: T1, T2 and T12 then see the same machine.
        var single = session.harness.settings
        single.threads = 1
        single.repetitions = 5
        single.maxRetries = 0
        let detector = FusionDetector(backend: backend, harness: Harness(settings: single),
                                      overheadMs: (backend as? RunnerBackend)?.overheadMs ?? 0)
        let results = try detector.detect(pairs, rounds: rounds) { done in pairsDone(done, pairs.count) }
        let rules = FusionRules(results: results)
        var profile = session.profile
        var stored = profile.fusionRules ?? [:]
        stored[backend.name] = rules.rules.sorted()
        profile.fusionRules = stored
        try DeviceRegistry.save(profile, store: session.store, directory: directory)

        let primitives = space.distinctLayers(resolution: side).flatMap {
            FusionRules.none.primitives(of: $0) + rules.primitives(of: $0)
        }
        let builder = LUTBuilder(store: StoreSink(session.store), deviceID: profile.id, backend: backend, harness: session.harness,
                                 timeBase: session.timeBase)
        let built = try builder.build(layers: primitives) { report, key in primitivesProgress(report, key) }
        return FusionSummary(device: profile.id, backend: backend.name, space: space.name, rules: rules.rules.sorted(),
                             pairs: results, primitives: built,
                             lutSums: try LUTSumReport.all(store: session.store, deviceID: profile.id, backend: backend.name,
                                                           space: space, side: side, rules: rules))
    }
}

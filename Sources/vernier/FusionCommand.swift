import ArgumentParser
import Foundation
import VernierKit
import VernierModel
import VernierPredict
import VernierProfiler
import VernierStore

/// `vernier fusion`: which adjacent ops the backend fuses, and what that means for LUT sums.
struct FusionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fusion",
        abstract: "Find the ops a backend fuses (nn-Meter's rule T1 + T2 − T12 > 0.5·min(T1, T2)), time the space's primitive ops, and compare LUT sums with and without the rules against measured archs.")

    @Option(help: "Search space whose primitive ops are timed.")
    var space = "fbnet"

    @Option(help: "Device id (default: this machine).")
    var device: String?

    @Option(help: "Input resolution (default: the space's).")
    var resolution: Int?

    @Option(help: "Rounds of timing T1, T2 and T12 in turn (each 5 samples); each takes its median over the rounds.")
    var rounds = 15

    @Option(help: "Directory for the updated device profile JSON (it keeps the rules).")
    var out = DeviceRegistry.directory

    @OptionGroup var timing: TimingOptions
    @OptionGroup var timeBaseOptions: TimeBaseOptions
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: OutputOptions

    struct Summary: Encodable {
        let device: String
        let backend: String
        let space: String
        let rules: [String]
        let pairs: [FusionResult]
        let primitives: LUTBuildReport
        let lutSums: [LUTSumReport]

        enum CodingKeys: String, CodingKey {
            case device, backend, space, rules, pairs, primitives
            case lutSums = "lut_sums"
        }
    }

    func run() throws {
        guard rounds >= 1 else { throw CLIError(.badInput, "--rounds must be at least 1, got \(rounds)") }
        let searchSpace = try Spaces.named(space)
        let side = resolution ?? searchSpace.defaultResolution
        let store = try storeOptions.open()
        let session = try timing.session(store: store, device: device, directory: out, onTimeBase: timeBaseOptions.onTimeBase)
        var profile = session.profile
        let (backend, harness, base) = (session.backend, session.harness, session.timeBase)
        let settings = harness.settings

        let pairs = FusionPair.standard
        let pairBar = ProgressBar(label: "fusion pairs", disabled: output.noProgress)
        // Fusion is the graph optimiser's doing, not the thread count's; a runner times the pairs
        // on one thread, which keeps a pool's wake-up per call (tens of µs on a VM) out of
        // T1 + T2 − T12. (The native backend's thread count is global; it fuses nothing anyway.)
        // Many short rounds rather than a few long ones: T1, T2 and T12 then see the same machine.
        var single = settings
        single.threads = 1
        single.repetitions = 5
        single.maxRetries = 0
        let detector = FusionDetector(backend: backend, harness: Harness(settings: single),
                                      overheadMs: (backend as? RunnerBackend)?.overheadMs ?? 0)
        let results = try detector.detect(pairs, rounds: rounds) { done in
            pairBar.update(done: done, total: pairs.count, workDone: done, workLeft: pairs.count - done, seconds: 0, detail: "")
        }
        pairBar.finish()
        let rules = FusionRules(results: results)
        var stored = profile.fusionRules ?? [:]
        stored[backend.name] = rules.rules.sorted()
        profile.fusionRules = stored
        try DeviceRegistry.save(profile, store: store, directory: out)

        let layers = searchSpace.distinctLayers(resolution: side)
        let primitives = layers.flatMap { FusionRules.none.primitives(of: $0) + rules.primitives(of: $0) }
        let bar = ProgressBar(label: "\(space) primitives", disabled: output.noProgress)
        let builder = LUTBuilder(store: store, deviceID: profile.id, backend: backend, harness: harness, timeBase: base)
        let built = try builder.build(layers: primitives) { report, key in
            bar.update(done: report.done, total: report.total, workDone: report.measured + report.failed.count,
                       workLeft: report.total - report.done, seconds: report.seconds, detail: key)
        }
        bar.finish()

        let summary = Summary(device: profile.id, backend: backend.name, space: space, rules: rules.rules.sorted(),
                              pairs: results, primitives: built,
                              lutSums: try LUTSumReport.all(store: store, deviceID: profile.id, backend: backend.name,
                                                            space: searchSpace, side: side, rules: rules))
        if output.json { return try JSONOutput.print(summary) }
        JSONOutput.write(text(summary))
    }

    func text(_ s: Summary) -> String {
        var text = "fusion on \(s.device) (\(s.backend)): T1 + T2 − T12 as a fraction of min(T1, T2); fused when > 0.5\n"
        for r in s.pairs {
            text += String(format: "  %-22@ %-10@ T1 %8.4f  T2 %8.4f  T12 %8.4f ms  saved %5.2f  %@\n",
                           r.rule, r.shape, r.t1Ms, r.t2Ms, r.t12Ms, r.savedFraction, r.fused ? "fused" : "-")
        }
        text += "rules: \(s.rules.isEmpty ? "none" : s.rules.joined(separator: ", "))\n"
        text += "\(s.space) primitives: \(s.primitives.total) ops, \(s.primitives.measured) measured now, \(s.primitives.alreadyPresent) already stored\n"
        if s.lutSums.isEmpty {
            text += "no measured \(s.space) archs for \(s.backend); run `vernier measure --space \(s.space) --backend …` to compare LUT sums\n"
        }
        for sum in s.lutSums {
            text += String(format: "LUT sum %-17@ vs %d measured archs: %.1f%% within ±10%%, MAPE %.1f%%, median predicted/measured %.3f (%@)\n",
                           sum.name, sum.accuracy.nTest, 100 * sum.accuracy.within10pct, sum.accuracy.mape, sum.medianRatio,
                           sum.description)
        }
        return text
    }
}

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

    func validate() throws { try ResolutionRule.check(resolution, space: space) }

    @Option(help: "Rounds of timing T1, T2 and T12 in turn (each 5 samples); each takes its median over the rounds.")
    var rounds = 15

    @Option(help: "Directory for the updated device profile JSON (it keeps the rules).")
    var out = DeviceRegistry.directory

    @OptionGroup var timing: TimingOptions
    @OptionGroup var timeBaseOptions: TimeBaseOptions
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let fusion = try FusionRun(rounds: rounds)
        let searchSpace = try Spaces.named(space)
        let session = try timing.session(store: try storeOptions.open(), device: device, directory: out,
                                         onTimeBase: timeBaseOptions.onTimeBase)
        let pairBar = ProgressBar(label: "fusion pairs", disabled: output.noProgress)
        let bar = ProgressBar(label: "\(space) primitives", disabled: output.noProgress)
        var pairsFinished = false
        let summary = try fusion.run(session: session, space: searchSpace, side: resolution ?? searchSpace.defaultResolution,
                                     directory: out, pairsDone: { done, total in
            pairBar.update(done: done, total: total, workDone: done, workLeft: total - done, seconds: 0, detail: "")
        }, primitivesProgress: { report, key in
            if !pairsFinished { pairBar.finish(); pairsFinished = true }
            bar.update(done: report.done, total: report.total, workDone: report.measured + report.failed.count,
                       workLeft: report.total - report.done, seconds: report.seconds, detail: key)
        })
        if !pairsFinished { pairBar.finish() }
        bar.finish()
        if output.json { return try JSONOutput.print(summary) }
        JSONOutput.write(text(summary))
    }

    func text(_ s: FusionSummary) -> String {
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

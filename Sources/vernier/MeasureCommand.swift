import ArgumentParser
import Foundation
import VernierKit
import VernierModel
import VernierProfiler

/// `vernier measure`: run whole sampled architectures end to end and store their latencies.
struct MeasureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "measure",
        abstract: "Measure whole architectures end to end (one forward pass per call); each result is stored at once, so a killed run resumes.")

    @Option(help: "Search space (nb201, fbnet, mnasnet, ofa-mbv3).")
    var space: String

    @Option(help: "Number of sampled architectures.")
    var count: Int

    @Option(help: "Sampling seed (the same seed gives the same archs).")
    var seed: UInt64 = 1

    @Option(help: "Device id (default: this machine).")
    var device: String?

    @Option(help: "Input resolution (default: the space's).")
    var resolution: Int?

    @OptionGroup var timing: TimingOptions
    @OptionGroup var timeBaseOptions: TimeBaseOptions
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        try ResolutionRule.check(resolution, space: space)
        if let problem = SizeLimits.check(count, in: SizeLimits.measuredArchs, field: "--count") { throw ValidationError(problem) }
    }

    func run() throws {
        let searchSpace = try Spaces.named(space)
        let session = try timing.session(store: try storeOptions.open(), device: device, onTimeBase: timeBaseOptions.onTimeBase)
        if session.measuredTimeBase { try session.saveProfile(directory: DeviceRegistry.directory) }
        let bar = ProgressBar(label: "measure \(space)", disabled: output.noProgress)
        let summary = try MeasureRun.run(session: session, space: searchSpace, count: count, seed: seed, resolution: resolution) {
            report, arch in
            bar.update(done: report.done, total: report.total, workDone: report.measured + report.failed.count,
                       workLeft: report.total - report.done, seconds: report.seconds, detail: String(arch.prefix(40)))
        }
        bar.finish()
        let report = summary.report
        let results = summary.measurements
        let (profile, backend, side) = (session.profile, session.backend, summary.resolution)
        if output.json { try JSONOutput.print(summary) } else {
            let latencies = results.map(\.latencyMs).sorted()
            var text = String(format: "%@ on %@ (%@, %d px): %d archs, %d measured now, %d already stored, %d taken by another run, %d failed, %.1f s\n",
                              space, profile.id, backend.name, side, report.total, report.measured, report.alreadyPresent,
                              report.takenByOthers, report.failed.count, report.seconds)
            if let low = latencies.first, let high = latencies.last {
                text += String(format: "latency: min %.3f ms, median %.3f ms, max %.3f ms; %d of %d stored archs of this space\n",
                               low, latencies[latencies.count / 2], high, results.count, summary.storedInSpace)
            }
            for failure in report.failed { text += "  failed \(failure.key): \(failure.error)\n" }
            JSONOutput.write(text)
        }
        if !report.failed.isEmpty { throw ExitCode(2) }
    }
}

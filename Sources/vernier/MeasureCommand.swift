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
        if count < 1 { throw ValidationError("--count must be at least 1") }
    }

    struct Result: Encodable {
        let arch: String
        let latencyMs: Double
        let cv: Double
        enum CodingKeys: String, CodingKey { case arch, latencyMs = "latency_ms", cv }
    }

    struct Summary: Encodable {
        let device: String
        let space: String
        let backend: String
        let resolution: Int
        let report: LUTBuildReport
        let measurements: [Result]
    }

    func run() throws {
        let searchSpace = try Spaces.named(space)
        let side = resolution ?? searchSpace.defaultResolution
        let store = try storeOptions.open()
        var profile = try DeviceRegistry.localProfile(id: device, store: store)
        let (backend, settings) = try timing.make(deviceThreads: profile.threads)
        let harness = Harness(settings: settings)
        let known = profile.timeBases
        let base = try timeBaseOptions.prepare(profile: &profile, backend: backend, harness: harness)
        if profile.timeBases != known { try DeviceRegistry.save(profile, store: store, directory: DeviceRegistry.directory) }
        let encodings = searchSpace.sample(count: count, seed: seed)
        let measurer = ArchitectureMeasurer(store: store, deviceID: profile.id, backend: backend, harness: harness, timeBase: base)
        let bar = ProgressBar(label: "measure \(space)", disabled: output.noProgress)
        let report = try measurer.measure(space: searchSpace, encodings: encodings, resolution: side) { report, arch in
            bar.update(done: report.done, total: report.total, workDone: report.measured + report.failed.count,
                       workLeft: report.total - report.done, seconds: report.seconds, detail: String(arch.prefix(40)))
        }
        bar.finish()
        let stored = Dictionary(uniqueKeysWithValues: try store.archMeasurements(
            device: profile.id, backend: backend.name, space: space, resolution: side).map { ($0.arch, $0) })
        var results: [Result] = []
        var seen = Set<String>()
        for encoding in encodings {
            let text = searchSpace.format(encoding)
            guard seen.insert(text).inserted, let record = stored[text] else { continue }
            results.append(Result(arch: text, latencyMs: record.stats.medianMs, cv: record.stats.cv))
        }
        let summary = Summary(device: profile.id, space: space, backend: backend.name, resolution: side, report: report,
                              measurements: results)
        if output.json { try JSONOutput.print(summary) } else {
            let latencies = results.map(\.latencyMs).sorted()
            var text = String(format: "%@ on %@ (%@, %d px): %d archs, %d measured now, %d already stored, %d taken by another run, %d failed, %.1f s\n",
                              space, profile.id, backend.name, side, report.total, report.measured, report.alreadyPresent,
                              report.takenByOthers, report.failed.count, report.seconds)
            if let low = latencies.first, let high = latencies.last {
                text += String(format: "latency: min %.3f ms, median %.3f ms, max %.3f ms; %d of %d stored archs of this space\n",
                               low, latencies[latencies.count / 2], high, results.count, stored.count)
            }
            for failure in report.failed { text += "  failed \(failure.key): \(failure.error)\n" }
            JSONOutput.write(text)
        }
        if !report.failed.isEmpty { throw ExitCode(2) }
    }
}

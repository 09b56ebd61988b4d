import ArgumentParser
import Foundation
import VernierKit
import VernierModel
import VernierProfiler

/// `vernier profile`: build the latency lookup table of a space on this device (resumable).
struct ProfileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile",
        abstract: "Measure every distinct layer of a space into the LUT; each entry is stored at once, so a killed run resumes.")

    @Option(help: "Search space, `all`, or `custom` with --model.")
    var space: String

    @Option(help: "With --space custom: a custom model JSON whose layers to profile (repeatable), e.g. examples/mobilenet_v2.json.")
    var model: [String] = []

    @Option(help: "Device id (default: this machine).")
    var device: String?

    @Option(help: "Input resolution (default: the space's).")
    var resolution: Int?

    func validate() throws {
        if space == "custom" {
            guard !model.isEmpty else { throw ValidationError("--space custom needs --model FILE (a custom model JSON, e.g. examples/mobilenet_v2.json)") }
        } else {
            guard model.isEmpty else { throw ValidationError("--model goes with --space custom") }
            try ResolutionRule.check(resolution, space: space)
        }
    }

    @Option(help: "Measure at most this many new entries (0 = all).")
    var limit = 0

    @Option(help: "Timings per entry, seconds apart (each layer is timed again after the others of its few-second window); the fastest is stored, since contention only adds time.")
    var passes = 2

    @Option(name: .customLong("remeasure-cv"), help: "Measure again, and replace, stored entries of the space whose CV is above this (e.g. 0.05); without it stored entries are kept.")
    var remeasureCV: Double?

    @Option(help: "Directory for the updated device profile JSON (it keeps the time base).")
    var out = DeviceRegistry.directory

    @OptionGroup var timing: TimingOptions
    @OptionGroup var timeBaseOptions: TimeBaseOptions
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let models = try model.map { path throws(ArchError) in try CustomModel.load(path: path, resolution: resolution) }
        let spaces: [any SearchSpace] = space == "custom" ? [] : space == "all" ? Spaces.all : [try Spaces.named(space)]
        let profiling = try ProfileRun(passes: passes, remeasureCV: remeasureCV)
        var session = try timing.session(store: try storeOptions.open(), device: device, directory: out,
                                         onTimeBase: timeBaseOptions.onTimeBase)
        session.profile.measurementSettings = session.harness.settings
        // A stored time base is re-checked before it is trusted: one measured while the machine
        // was busy would inflate every entry (and is moved, with the entries on it).
        var moves: [TimeBaseMove] = []
        if let move = try session.recheckTimeBase() { moves.append(move) }
        try session.saveProfile(directory: out)
        var summaries: [ProfileSummary] = []
        for space in spaces {
            let bar = ProgressBar(label: space.name, disabled: output.noProgress)
            defer { bar.finish() }
            summaries.append(try profiling.run(session: session, space: space, resolution: resolution, limit: limit) { report, key in
                bar.update(done: report.done, total: report.total, workDone: report.measured + report.failed.count,
                           workLeft: report.total - report.done, seconds: report.seconds, detail: key)
            })
            if let move = try session.checkTimeBase(after: summaries[summaries.count - 1].report) {
                moves.append(move)
                try session.saveProfile(directory: out)
            }
        }
        if !models.isEmpty {
            let bar = ProgressBar(label: "custom", disabled: output.noProgress)
            summaries.append(try profiling.run(session: session, models: models, limit: limit) { report, key in
                bar.update(done: report.done, total: report.total, workDone: report.measured + report.failed.count,
                           workLeft: report.total - report.done, seconds: report.seconds, detail: key)
            })
            bar.finish()
            if let move = try session.checkTimeBase(after: summaries[summaries.count - 1].report) {
                moves.append(move)
                try session.saveProfile(directory: out)
            }
        }
        for move in moves {
            FileHandle.standardError.write(Data(String(format: "warning: time base moved from %.4f to %.4f ms (%@); %d stored entries rescaled by %.4f\n",
                                                       move.fromMs, move.toMs, move.reason, move.rescaledEntries, move.factor).utf8))
        }
        let chosen = session.backend
        let base = session.timeBase
        if output.json { return try JSONOutput.print(summaries) }
        var text = ""
        if let base {
            text += String(format: "time base: reference layer %@ = %.4f ms (measured %@); each entry is scaled by this over the reference timed around it\n",
                           base.referenceKey, base.referenceMs, base.measuredAt)
        }
        if let runner = chosen as? RunnerBackend {
            let versions = runner.info.filter { $0.key != "runner" && $0.key != "providers" }.sorted { $0.key < $1.key }
                .map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            text += String(format: "runner %@ (%@): per-call floor %.4f ms, subtracted from every entry\n",
                           runner.name, versions, runner.overheadMs)
        }
        for s in summaries {
            let r = s.report
            text += String(format: "%@ on %@ (%@): %d layers, %d measured now, %d already stored, %d taken by another run, %d failed, %.1f s",
                           s.space, s.device, s.backend, r.total, r.measured, r.alreadyPresent, r.takenByOthers, r.failed.count, r.seconds)
            if r.measured > 0 { text += String(format: ", %.1f%% with CV <= 5%%", 100 * Double(r.withinCV) / Double(r.measured)) }
            if r.remeasured > 0 { text += String(format: "; %d of the measured replaced entries with CV above %g", r.remeasured, remeasureCV ?? 0) }
            text += "\n"
            for failure in r.failed { text += "  failed \(failure.key): \(failure.error)\n" }
        }
        JSONOutput.write(text)
        if summaries.contains(where: { !$0.report.failed.isEmpty }) { throw ExitCode(2) }
    }
}

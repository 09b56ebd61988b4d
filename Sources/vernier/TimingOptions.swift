import ArgumentParser
import Foundation
import VernierModel
import VernierProfiler

/// `--backend`, `--threads`, `--repetitions`, `--min-sample-ms`: how `profile` and `measure` time things.
struct TimingOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "`native` (Vernier's kernels) or `runner:CMD`: an external runner speaking the JSON-lines protocol, started once with `/bin/sh -c CMD` (e.g. runner:\".venv-ort/bin/python runners/onnxruntime/runner.py\").",
        valueName: "native|runner:CMD"))
    var backend = BackendName.native

    @Option(name: .customLong("runner-timeout"), help: "Seconds one runner request may take before the runner is killed.")
    var runnerTimeout = 120.0

    @Option(help: "Threads (default: all logical CPUs).")
    var threads: Int?

    @Option(help: "Samples per measurement.")
    var repetitions = 15

    @Option(name: .customLong("min-sample-ms"), help: "Minimum time of one sample, ms.")
    var minSampleMs = 1.0

    func validate() throws {
        if repetitions < 3 { throw ValidationError("--repetitions must be at least 3") }
        if minSampleMs <= 0 { throw ValidationError("--min-sample-ms must be positive") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
        if runnerTimeout <= 0 { throw ValidationError("--runner-timeout must be positive") }
    }

    /// The backend and settings for a device with `deviceThreads` logical CPUs.
    func make(deviceThreads: Int) throws -> (backend: any Backend, settings: TimingSettings) {
        let threadCount = threads ?? deviceThreads
        let settings = TimingSettings(minSampleMs: minSampleMs, repetitions: repetitions, threads: threadCount)
        if backend == BackendName.native { return (NativeBackend(threads: threadCount), settings) }
        guard backend.hasPrefix("runner:") else {
            throw CLIError(.badInput, "unknown backend '\(backend)'; allowed: native, runner:CMD")
        }
        let command = String(backend.dropFirst("runner:".count))
        guard !command.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw CLIError(.badInput, "--backend runner: needs a command, e.g. runner:\"python3 runner.py\"")
        }
        do {
            return (try RunnerBackend(command: command, timeoutSeconds: runnerTimeout, threads: threadCount), settings)
        } catch {
            throw CLIError(.badInput, error.description)
        }
    }
}

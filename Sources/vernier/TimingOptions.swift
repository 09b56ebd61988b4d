import ArgumentParser
import Foundation
import VernierKit
import VernierModel
import VernierProfiler
import VernierStore

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

    /// The backend these options name.
    var backendSpec: BackendSpec {
        get throws { try BackendSpec(parsing: backend) }
    }

    /// A measuring session on `device` (default: this machine) with these options' backend and
    /// settings, on the device's time base when `onTimeBase`.
    func session(store: Store, device: String?, directory: String = DeviceRegistry.directory,
                 onTimeBase: Bool) throws -> MeasuringSession {
        let session = try MeasuringSession(store: store, device: device, directory: directory, backend: try backendSpec,
                                           settings: TimingSettings(minSampleMs: minSampleMs, repetitions: repetitions),
                                           threads: threads, runnerTimeout: runnerTimeout, onTimeBase: onTimeBase)
        // Said once the options are known to be good, before anything is measured.
        if let load = MachineLoad.current(), load.isBusy {
            FileHandle.standardError.write(Data("warning: \(load.warning)\n".utf8))
        }
        return session
    }
}

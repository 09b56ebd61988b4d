import ArgumentParser
import VernierProfiler

/// `--backend`, `--threads`, `--repetitions`, `--min-sample-ms`: how `profile` and `measure` time things.
struct TimingOptions: ParsableArguments {
    @Option(help: "Backend: native.")
    var backend = "native"

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
    }

    /// The backend and settings for a device with `deviceThreads` logical CPUs.
    func make(deviceThreads: Int) throws -> (backend: any Backend, settings: TimingSettings) {
        let threadCount = threads ?? deviceThreads
        let settings = TimingSettings(minSampleMs: minSampleMs, repetitions: repetitions, threads: threadCount)
        switch backend {
        case "native": return (NativeBackend(threads: threadCount), settings)
        default: throw CLIError(.badInput, "unknown backend '\(backend)'; allowed: native")
        }
    }
}

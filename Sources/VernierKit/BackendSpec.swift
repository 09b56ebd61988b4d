import VernierModel
import VernierProfiler

/// Which backend times layers and archs: the one parser behind `--backend` (and a job's backend).
public enum BackendSpec: Sendable, Equatable {
    /// Vernier's own C kernels.
    case native
    /// An external runner speaking the JSON-lines protocol, started with `/bin/sh -c command`.
    case runner(command: String)

    /// Parses `native` or `runner:CMD`.
    /// - Throws: ``UseCaseError`` (`badInput`) naming the value.
    public init(parsing text: String) throws(UseCaseError) {
        if text == BackendName.native {
            self = .native
            return
        }
        guard text.hasPrefix("runner:") else {
            throw UseCaseError(.badInput, "unknown backend '\(text)'; allowed: native, runner:CMD")
        }
        let command = String(text.dropFirst("runner:".count))
        guard !command.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw UseCaseError(.badInput, "--backend runner: needs a command, e.g. runner:\"python3 runner.py\"")
        }
        self = .runner(command: command)
    }

    /// Starts the backend with `threads` workers; a runner request may take `runnerTimeout` seconds.
    /// The native backend pins the calling thread (``Backend/prepareMeasuringThread()``).
    /// - Throws: ``UseCaseError`` (`badInput`) when the runner cannot start or answer its handshake.
    public func make(threads: Int, runnerTimeout: Double) throws(UseCaseError) -> any Backend {
        switch self {
        case .native:
            return NativeBackend(threads: threads)
        case .runner(let command):
            do { return try RunnerBackend(command: command, timeoutSeconds: runnerTimeout, threads: threads) } catch {
                throw UseCaseError(.badInput, error.description)
            }
        }
    }
}

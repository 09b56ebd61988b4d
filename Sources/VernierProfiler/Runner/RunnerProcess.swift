#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import VernierProcess

/// One running runner program (`/bin/sh -c COMMAND`): writes request lines to its stdin and reads
/// reply lines from its stdout with a deadline, keeping the tail of its stderr for error messages.
/// Not thread-safe; ``RunnerBackend`` serialises access.
final class RunnerProcess {
    /// The shell command.
    let command: String
    private let child: ChildProcess
    private var stopped = false

    /// The longest reply line accepted (a runner that never ends its line is garbage, not a hang).
    static let maxLineBytes = 16 << 20

    /// Starts `command` through `/bin/sh -c`.
    init(command: String) throws(RunnerError) {
        let child: ChildProcess
        do {
            // Stdin is a pipe: a runner that dies is an error on write, not a signal that kills Vernier.
            child = try ChildProcess(shellCommand: command, stdin: .pipe, stdoutLimit: RunnerProcess.maxLineBytes,
                                     stderrLimit: 8 * 1024)
        } catch {
            let reason: String
            switch error {
            case .cannotStart(let cause), .cannotPrepareStdin(let cause): reason = cause.localizedDescription
            default: reason = error.description
            }
            throw RunnerError(.cannotStart, "cannot start runner `\(command)`: \(reason)")
        }
        self.command = command
        self.child = child
    }

    /// Sends one line and returns the next line of stdout within `timeout` seconds.
    func exchange(_ line: String, timeout: Double) throws(RunnerError) -> String {
        do {
            try child.writeToStdin(Data((line + "\n").utf8), until: DispatchTime.now() + timeout)
        } catch {
            if case .timedOut = error { throw timedOut(after: timeout) }
            // It may have written a reply (or garbage) before it went away: report what it said.
            if let said = try? child.readLine(maxBytes: Self.maxLineBytes, until: DispatchTime.now() + 1.0) { return said }
            throw exited(child.waitForExit(until: DispatchTime.now() + 0.5), while: "reading a request")
        }
        do {
            return try child.readLine(maxBytes: Self.maxLineBytes, until: DispatchTime.now() + timeout)
        } catch {
            switch error {
            case .timedOut:
                throw timedOut(after: timeout)
            case .lineTooLong:
                throw RunnerError(.garbage, "runner `\(command)` wrote over \(Self.maxLineBytes >> 20) MiB without a newline")
            case .exited(let exit):
                throw exited(exit, while: "answering")
            case .ioFailed(_, let code):
                throw RunnerError(.exited, "cannot read from runner `\(command)`: \(String(cString: strerror(code)))")
            default:
                throw RunnerError(.exited, "cannot read from runner `\(command)`: \(error)")
            }
        }
    }

    private func timedOut(after timeout: Double) -> RunnerError {
        RunnerError(.timeout, String(format: "runner `%@` did not answer within %.0f s", command, timeout))
    }

    /// The error for a runner that went away (`exit`: how it ended, `nil` while it still runs),
    /// with its last stderr lines.
    private func exited(_ exit: ChildExit?, while doing: String) -> RunnerError {
        var text = "runner `\(command)` "
        switch exit {
        case .none:
            text += "closed its stdout while \(doing)"
        case .some(.signaled(let number)):
            text += "was killed by signal \(number) while \(doing)"
        case .some(.exited(let status)):
            text += "exited with status \(status) while \(doing)"
        }
        let lastLines = child.stderr.lastLines(3)
        if !lastLines.isEmpty { text += "; stderr: \(lastLines)" }
        return RunnerError(.exited, text)
    }

    /// Ends the runner: closes its stdin, waits up to a second, then kills its process group.
    func stop() {
        guard !stopped else { return }
        stopped = true
        child.closeStdin()
        if !child.drainOutput(until: DispatchTime.now() + 1.0) {
            child.terminate(grace: 1.0, signals: [SIGKILL])
        }
    }

    deinit { stop() }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// One running runner program (`/bin/sh -c COMMAND`): writes request lines to its stdin and reads
/// reply lines from its stdout with a deadline, keeping the tail of its stderr for error messages.
/// Not thread-safe; ``RunnerBackend`` serialises access.
final class RunnerProcess {
    /// The shell command.
    let command: String
    private let process = Process()
    private let stdin = Pipe()
    private let stdout = Pipe()
    private let stderr = Pipe()
    private var outFD: Int32
    private var errFD: Int32
    private var pending: [UInt8] = []
    private var stderrTail: [UInt8] = []
    private var chunk = [UInt8](repeating: 0, count: 64 * 1024)

    /// The longest reply line accepted (a runner that never ends its line is garbage, not a hang).
    static let maxLineBytes = 16 << 20

    /// Starts `command` through `/bin/sh -c`.
    init(command: String) throws(RunnerError) {
        self.command = command
        // A runner that dies must be an error on write, not a signal that kills Vernier.
        signal(SIGPIPE, SIG_IGN)
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        outFD = stdout.fileHandleForReading.fileDescriptor
        errFD = stderr.fileHandleForReading.fileDescriptor
        do { try process.run() } catch {
            throw RunnerError(.cannotStart, "cannot start runner `\(command)`: \(error.localizedDescription)")
        }
    }

    /// Sends one line and returns the next line of stdout within `timeout` seconds.
    func exchange(_ line: String, timeout: Double) throws(RunnerError) -> String {
        do {
            try stdin.fileHandleForWriting.write(contentsOf: Data((line + "\n").utf8))
        } catch {
            // It may have written a reply (or garbage) before it went away: report what it said.
            if let said = try? readLine(timeout: 1) { return said }
            throw exited(while: "reading a request")
        }
        return try readLine(timeout: timeout)
    }

    private func readLine(timeout: Double) throws(RunnerError) -> String {
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(timeout * 1e9)
        while true {
            if let newline = pending.firstIndex(of: 10) {
                let line = String(decoding: pending[..<newline], as: UTF8.self)
                pending.removeSubrange(...newline)
                return line
            }
            if pending.count > Self.maxLineBytes {
                throw RunnerError(.garbage, "runner `\(command)` wrote over \(Self.maxLineBytes >> 20) MiB without a newline")
            }
            let now = DispatchTime.now().uptimeNanoseconds
            guard now < deadline else {
                throw RunnerError(.timeout, String(format: "runner `%@` did not answer within %.0f s", command, timeout))
            }
            var fds = [pollfd(fd: outFD, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: errFD, events: Int16(POLLIN), revents: 0)]
            let waitMs = Int32(min(1000, (deadline - now) / 1_000_000 + 1))
            let ready = poll(&fds, 2, waitMs)
            if ready < 0 && errno != EINTR {
                throw RunnerError(.exited, "cannot read from runner `\(command)`: \(String(cString: strerror(errno)))")
            }
            if errFD >= 0 && fds[1].revents != 0 {
                let n = read(errFD, &chunk, chunk.count)
                if n > 0 {
                    stderrTail.append(contentsOf: chunk[..<n])
                    if stderrTail.count > 8192 { stderrTail.removeFirst(stderrTail.count - 4096) }
                } else if n == 0 { errFD = -1 }
            }
            if fds[0].revents != 0 {
                let n = read(outFD, &chunk, chunk.count)
                if n > 0 { pending.append(contentsOf: chunk[..<n]) } else if n == 0 {
                    throw exited(while: "answering")
                }
            }
        }
    }

    /// The error for a runner that went away, with its exit status and last stderr lines.
    private func exited(while doing: String) -> RunnerError {
        // Give it a moment to be reaped so that the status is known.
        for _ in 0..<50 where process.isRunning { usleep(10_000) }
        var text = "runner `\(command)` "
        if process.isRunning {
            text += "closed its stdout while \(doing)"
        } else if process.terminationReason == .uncaughtSignal {
            text += "was killed by signal \(process.terminationStatus) while \(doing)"
        } else {
            text += "exited with status \(process.terminationStatus) while \(doing)"
        }
        let tail = stderrTail.isEmpty ? drainStderr() : String(decoding: stderrTail, as: UTF8.self)
        let lastLines = tail.split(separator: "\n").suffix(3).joined(separator: " | ")
        if !lastLines.isEmpty { text += "; stderr: \(lastLines)" }
        return RunnerError(.exited, text)
    }

    /// Whatever is left on stderr once the runner has exited.
    private func drainStderr() -> String {
        guard errFD >= 0, !process.isRunning else { return "" }
        let data = stderr.fileHandleForReading.availableData
        return String(decoding: data.suffix(4096), as: UTF8.self)
    }

    /// Ends the runner: closes its stdin, waits up to a second, then kills its process group.
    func stop() {
        try? stdin.fileHandleForWriting.close()
        for _ in 0..<100 where process.isRunning { usleep(10_000) }
        if process.isRunning {
            let pid = process.processIdentifier
            if getpgid(pid) == pid { kill(-pid, SIGKILL) } else { kill(pid, SIGKILL) }
            process.waitUntilExit()
        }
    }

    deinit { stop() }
}

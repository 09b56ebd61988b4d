#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import VernierModel

/// `command:CMD` — the user's own training/evaluation script as an accuracy estimator.
///
/// For every architecture not already cached, `/bin/sh -c CMD` runs once. Its stdin receives one
/// JSON object (keys sorted, followed by a newline) and is then closed:
///
/// ```json
/// {"arch":"|nor_conv_3x3~0|+|…|","choices":{"edge 1<-0":"nor_conv_3x3",…},"resolution":32,"space":"nb201"}
/// ```
///
/// The last non-empty line of its stdout is the accuracy: either a plain number (`93.2`) or a JSON
/// object with a numeric `accuracy` key (`{"accuracy": 93.2, "epochs": 12}`); earlier lines
/// (progress, logs) are ignored. A non-zero exit status, a signal, garbage on the last line, a
/// non-finite number or running past the timeout fails with ``SearchError/Code/estimatorFailed``
/// naming the architecture and the command, with the tail of stderr.
///
/// Process handling: the command is started with Foundation's `Process`, which spawns it as the
/// leader of its own process group (`POSIX_SPAWN_SETPGROUP`; checked with `getpgid` after
/// launch). Stdin is filled before the command starts — a pipe pre-loaded with the request (or an
/// unlinked temporary file when the request would not fit in a pipe buffer) — so a command that
/// never reads stdin can neither block nor `SIGPIPE` the caller. Stdout and stderr are drained on
/// the calling thread with `poll(2)` against one deadline, so large output cannot fill a pipe and
/// stall the command, and nothing waits without a deadline. The command's exit is noticed with
/// `waitid(WNOWAIT)` as well as Foundation's termination handler, because Foundation on Linux
/// reports an exit only once every descendant holding its inherited status socket has gone.
///
/// At the deadline the whole process group gets `SIGTERM`, then `SIGKILL` if after 1 s the
/// command has not exited and released its pipes; this also takes down children the script
/// forked. When the command exits but background children it started keep stdout/stderr open,
/// they get 1 s, then the group is stopped the same way and the output read so far is used with
/// the command's own exit status. A process that left the group (`setsid`) and keeps the pipes
/// open is not killed; its pipes are closed and the call still returns. Background processes
/// that released the pipes are left alone.
///
/// Successful results are kept in memory and in the optional persistent ``AccuracyCache`` (under
/// ``name``, the space and the canonical string), so no architecture is trained twice; failures
/// are not cached, so a later call retries.
public final class CommandAccuracy: AccuracyEstimator {
    /// The shell command, as given after `command:`.
    public let command: String
    /// The space whose architectures the command scores.
    public let space: any SearchSpace
    /// Input resolution passed to the command in the request.
    public let resolution: Int
    /// Wall-clock limit per run, seconds; zero, negative or infinite means no limit.
    public let timeoutSeconds: Double

    private let cache: (any AccuracyCache)?
    private var remembered: [String: Double] = [:]
    private var runs = 0
    private var cacheHits = 0
    private var failures = 0
    private var commandSeconds = 0.0

    /// Creates the estimator; nothing runs until ``accuracy(of:arch:)`` is called.
    /// - Parameters:
    ///   - command: shell command run with `/bin/sh -c` once per architecture.
    ///   - space: the space the architectures belong to (its name and decisions go to the command).
    ///   - resolution: input resolution passed to the command.
    ///   - timeoutSeconds: wall-clock limit per run; zero, negative or infinite means no limit.
    ///   - cache: persistent cache consulted before and updated after each successful run.
    public init(command: String, space: any SearchSpace, resolution: Int, timeoutSeconds: Double,
                cache: (any AccuracyCache)?) {
        self.command = command
        self.space = space
        self.resolution = resolution
        self.timeoutSeconds = timeoutSeconds
        self.cache = cache
    }

    /// `command:<CMD>`; also the estimator key of the persistent cache.
    public var name: String { "command:\(command)" }

    /// The persistent cache's key: the command at this resolution (the same script may give
    /// another accuracy at another input size).
    var cacheKey: String { "\(name)@\(resolution)" }

    /// How many times the command ran, cache hits, failures and the time spent in the command.
    public var notes: [String] {
        var lines = ["command runs: \(runs), cache hits: \(cacheHits), failures: \(failures)"]
        if runs > 0 {
            let mean = commandSeconds / Double(runs)
            lines.append("command time: \(Self.seconds(commandSeconds)) s total, \(Self.seconds(mean)) s per run"
                         + (hasLimit ? ", timeout \(Self.seconds(timeoutSeconds)) s" : ""))
        }
        return lines
    }

    /// The accuracy the command reports for one architecture (from a cache when it ran before).
    /// - Parameters:
    ///   - encoding: its choices (validated against the space).
    ///   - arch: its canonical string.
    /// - Throws: ``SearchError`` with ``SearchError/Code/estimatorFailed`` naming the architecture
    ///   and the command when the command fails, times out or prints no usable accuracy.
    public func accuracy(of encoding: Encoding, arch: String) throws(SearchError) -> Double {
        if let known = remembered[arch] {
            cacheHits += 1
            return known
        }
        if let stored = cache?.cachedAccuracy(estimator: cacheKey, space: space.name, arch: arch) {
            cacheHits += 1
            remembered[arch] = stored
            return stored
        }
        let value: Double
        do {
            value = try evaluate(encoding, arch: arch)
        } catch {
            failures += 1
            throw error
        }
        remembered[arch] = value
        cache?.storeAccuracy(value, estimator: cacheKey, space: space.name, arch: arch)
        return value
    }

    // MARK: - One run

    /// The request written to the command's stdin.
    private struct Request: Encodable {
        var space: String
        var arch: String
        var resolution: Int
        var choices: [String: String]
    }

    /// The JSON form of the last stdout line.
    private struct Reported: Decodable {
        var accuracy: Double
    }

    /// The last bytes of an output stream; older bytes are dropped, so memory stays bounded however
    /// much the command prints.
    private struct Tail {
        let limit: Int
        var bytes: [UInt8] = []

        init(limit: Int) { self.limit = limit }

        mutating func append(_ chunk: UnsafeRawBufferPointer) {
            bytes.append(contentsOf: chunk)
            if bytes.count > 2 * limit { bytes.removeFirst(bytes.count - limit) }
        }

        var text: String { String(decoding: bytes.suffix(limit), as: UTF8.self) }
    }

    /// One started command: drains its stdout/stderr, notices its exit, signals its process group.
    /// Used only from the calling thread; the termination handler just signals `reapedSignal`.
    private final class Run {
        let process: Process
        let pid: pid_t
        /// The command leads its own process group, so `kill(-pid, …)` reaches its children.
        let ownGroup: Bool
        let reapedSignal: DispatchSemaphore
        var fds: [pollfd]
        var stdout = Tail(limit: 64 * 1024)
        var stderr = Tail(limit: 8 * 1024)
        /// Foundation has reaped the command (its termination handler ran).
        var reaped = false
        /// How the command itself (not its children) ended, once known.
        var exit: (status: Int32, signaled: Bool)?
        var exitedAt: DispatchTime?
        /// The deadline passed before the command exited.
        var timedOut = false
        private var buffer = [UInt8](repeating: 0, count: 64 * 1024)

        init(process: Process, reapedSignal: DispatchSemaphore, stdout: Int32, stderr: Int32) {
            self.process = process
            self.reapedSignal = reapedSignal
            pid = process.processIdentifier
            // Foundation spawns the child as a process-group leader. If it did not (or the child is
            // already gone and its group unknowable), signal only the child, never another group.
            let group = getpgid(pid)
            ownGroup = group == pid || (group < 0 && errno == ESRCH)
            fds = [pollfd(fd: stdout, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: stderr, events: Int16(POLLIN), revents: 0)]
        }

        var pipesOpen: Bool { fds.contains { $0.fd >= 0 } }
        /// The command has exited and nothing holds its output pipes any more.
        var finished: Bool { exit != nil && !pipesOpen }

        /// Drains output until ``finished``, until `end`, or — when `grace` is given — until
        /// `grace` seconds after the command exited with something (a background child) still
        /// holding its pipes.
        func pump(until end: DispatchTime, grace: Double?) {
            while true {
                observeExit(waitingUntil: nil)
                if finished { return }
                let now = DispatchTime.now()
                if now >= end { return }
                var wake = min(end, now + 0.1)
                if let exitedAt {
                    if let grace {
                        if now >= exitedAt + grace { return }
                        wake = min(end, exitedAt + grace)
                    } else {
                        wake = end
                    }
                }
                if pipesOpen {
                    drain(waitingUntil: wake)
                } else {
                    observeExit(waitingUntil: wake)
                }
            }
        }

        /// Notices the command's exit: from Foundation's termination handler or, since Foundation
        /// on Linux only reports it once every process holding its inherited status socket has
        /// gone, from `waitid(WNOWAIT)`, which reads the status without reaping.
        func observeExit(waitingUntil wake: DispatchTime?) {
            if !reaped, reapedSignal.wait(timeout: wake ?? .now()) == .success {
                reaped = true
                if exit == nil {
                    exit = (process.terminationStatus, process.terminationReason == .uncaughtSignal)
                }
            }
            if exit == nil, !reaped {
                var info = siginfo_t()
                if waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0, info.si_signo == SIGCHLD {
                    #if canImport(Darwin)
                    let status = info.si_status
                    #else
                    let status = info._sifields._sigchld.si_status
                    #endif
                    exit = (status, info.si_code != CLD_EXITED)
                }
            }
            if exit != nil, exitedAt == nil { exitedAt = .now() }
        }

        /// Waits for output until `wake` and reads whatever is ready.
        private func drain(waitingUntil wake: DispatchTime) {
            let now = DispatchTime.now().uptimeNanoseconds
            let waitNs = wake.uptimeNanoseconds > now ? wake.uptimeNanoseconds - now : 0
            let waitMs = Int32(min(waitNs / 1_000_000 + (waitNs % 1_000_000 > 0 ? 1 : 0), 1000))
            let ready = fds.withUnsafeMutableBufferPointer { poll($0.baseAddress, nfds_t($0.count), waitMs) }
            guard ready > 0 else {
                if ready < 0 && errno != EINTR { usleep(10_000) }  // not expected; deadlines still hold
                return
            }
            for index in fds.indices where fds[index].fd >= 0 && fds[index].revents != 0 {
                let count = buffer.withUnsafeMutableBytes { read(fds[index].fd, $0.baseAddress, $0.count) }
                if count > 0 {
                    buffer.withUnsafeBytes { chunk in
                        let bytes = UnsafeRawBufferPointer(rebasing: chunk[0..<count])
                        if index == 0 { stdout.append(bytes) } else { stderr.append(bytes) }
                    }
                } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                    fds[index].fd = -1
                }
            }
        }

        /// Sends `signal` to the command's process group (or to the command alone).
        func send(_ signal: Int32) {
            if ownGroup {
                _ = kill(-pid, signal)
            } else if !reaped {
                _ = kill(pid, signal)
            }
        }

        /// `SIGTERM`; `SIGKILL` when the command has not exited and closed its pipes within 1 s.
        func stop() {
            send(SIGTERM)
            pump(until: .now() + 1.0, grace: nil)
            guard !finished else { return }
            send(SIGKILL)
            pump(until: .now() + 1.0, grace: nil)
        }
    }

    private var hasLimit: Bool { timeoutSeconds > 0 && timeoutSeconds.isFinite }

    private func evaluate(_ encoding: Encoding, arch: String) throws(SearchError) -> Double {
        do {
            try space.validate(encoding)
        } catch {
            throw failure(arch, "was not called: the encoding is invalid (\(error))")
        }
        let request = Request(
            space: space.name, arch: arch, resolution: resolution,
            choices: Dictionary(encoding.choices.enumerated().map { index, choice in
                (space.decisions[index].name, space.decisions[index].choices[Int(choice)])
            }, uniquingKeysWith: { first, _ in first }))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var payload: Data
        do {
            payload = try encoder.encode(request)
        } catch {
            throw failure(arch, "was not called: cannot encode the request (\(error))")
        }
        payload.append(0x0A)

        let clock = ContinuousClock()
        let started = clock.now
        runs += 1
        defer {
            let elapsed = clock.now - started
            commandSeconds += Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        }
        let run = try run(payload: payload, arch: arch)

        let errTail = Self.stderrTail(run.stderr.text)
        let errSuffix = errTail.isEmpty ? "" : "; stderr: \(errTail)"
        guard !run.timedOut, let exit = run.exit else {
            throw failure(arch, "timed out after \(Self.seconds(timeoutSeconds)) s and was killed\(errSuffix)")
        }
        if exit.signaled {
            throw failure(arch, "was killed by signal \(exit.status) (\(Self.signalName(exit.status)))\(errSuffix)")
        }
        if exit.status != 0 {
            throw failure(arch, "failed with exit status \(exit.status)\(errSuffix)")
        }
        let lines = run.stdout.text.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard let last = lines.last(where: { !$0.isEmpty }) else {
            throw failure(arch, "printed nothing on stdout (expected the accuracy on its last line)\(errSuffix)")
        }
        var value = Double(last)
        if value == nil, last.hasPrefix("{") {
            value = try? JSONDecoder().decode(Reported.self, from: Data(last.utf8)).accuracy
        }
        guard let value else {
            throw failure(arch, "printed \"\(Self.clip(last, 80))\" as its last stdout line; expected a number "
                          + "or a JSON object with a numeric \"accuracy\"\(errSuffix)")
        }
        guard value.isFinite else {
            throw failure(arch, "reported a non-finite accuracy (\(Self.clip(last, 80)))")
        }
        return value
    }

    /// Starts the command, feeds stdin, drains stdout/stderr until it exits or the deadline passes.
    private func run(payload: Data, arch: String) throws(SearchError) -> Run {
        let input: FileHandle
        do {
            input = try Self.stdinHandle(payload)
        } catch {
            throw failure(arch, "was not started: cannot prepare its stdin (\(error))")
        }
        let output = Pipe()
        let errors = Pipe()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        let reapedSignal = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in reapedSignal.signal() }
        defer {
            try? output.fileHandleForReading.close()
            try? errors.fileHandleForReading.close()
        }
        // The child inherits this thread's signal mask, and dispatch / Swift concurrency worker
        // threads block most signals (SIGTERM included); spawn with an empty mask so the command
        // runs, and can be stopped, like one started from a shell.
        var noSignals = sigset_t()
        var savedMask = sigset_t()
        sigemptyset(&noSignals)
        pthread_sigmask(SIG_SETMASK, &noSignals, &savedMask)
        var launchError: (any Error)?
        do {
            try process.run()
        } catch {
            launchError = error
        }
        pthread_sigmask(SIG_SETMASK, &savedMask, nil)
        try? input.close()
        if let launchError {
            throw failure(arch, "could not be started with /bin/sh (\(launchError))")
        }

        let run = Run(process: process, reapedSignal: reapedSignal,
                      stdout: output.fileHandleForReading.fileDescriptor,
                      stderr: errors.fileHandleForReading.fileDescriptor)
        run.pump(until: hasLimit ? .now() + timeoutSeconds : .distantFuture, grace: 1.0)
        run.timedOut = run.exit == nil
        // Timed out, or exited leaving background children that hold its pipes: stop them all.
        if !run.finished { run.stop() }
        return run
    }

    /// A read handle on the request: a pipe already holding it (write end closed), or for a
    /// request too large for a pipe buffer an unlinked temporary file positioned at its start.
    private static func stdinHandle(_ payload: Data) throws -> FileHandle {
        var ends: [Int32] = [-1, -1]
        if payload.count <= 8 * 1024, pipe(&ends) == 0 {
            _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC)
            _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
            _ = fcntl(ends[1], F_SETFL, fcntl(ends[1], F_GETFL) | O_NONBLOCK)
            let written = payload.withUnsafeBytes { write(ends[1], $0.baseAddress, $0.count) }
            close(ends[1])
            if written == payload.count { return FileHandle(fileDescriptor: ends[0], closeOnDealloc: true) }
            close(ends[0])
        }
        let template = FileManager.default.temporaryDirectory.appendingPathComponent("vernier-request-XXXXXX").path
        var path = Array(template.utf8CString)
        let fd = path.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        _ = path.withUnsafeBufferPointer { unlink($0.baseAddress!) }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        try handle.write(contentsOf: payload)
        try handle.seek(toOffset: 0)
        return handle
    }

    // MARK: - Messages

    private func failure(_ arch: String, _ what: String) -> SearchError {
        SearchError(.estimatorFailed, "accuracy command `\(Self.clip(command, 120))` \(what) (arch \(arch))")
    }

    /// The last three non-empty stderr lines, joined with ` | `, at most 300 characters.
    private static func stderrTail(_ text: String) -> String {
        let lines = text.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        let joined = lines.suffix(3).joined(separator: " | ")
        return joined.count > 300 ? "…" + joined.suffix(300) : joined
    }

    private static func clip(_ text: String, _ limit: Int) -> String {
        text.count > limit ? text.prefix(limit) + "…" : text
    }

    private static func signalName(_ number: Int32) -> String {
        guard let description = strsignal(number) else { return "unknown signal" }
        return String(cString: description)
    }

    /// `0.5`, `30`, `12.3`: seconds as the user would write them.
    private static func seconds(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e9 { return String(Int(value)) }
        return String(format: "%.1f", value) == "0.0" ? String(format: "%.3g", value) : String(format: "%.1f", value)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// One child process (usually `/bin/sh -c COMMAND`) supervised against deadlines: the runners'
/// long-lived request/reply programs and the command estimators' one-shot scripts.
///
/// - Starting: Foundation's `Process` spawns the child as the leader of its own process group
///   (`POSIX_SPAWN_SETPGROUP`, checked with `getpgid` after launch), with an empty signal mask
///   (dispatch and Swift concurrency worker threads block most signals, `SIGTERM` included, and a
///   child inherits its spawning thread's mask), so it runs, and can be stopped, like one started
///   from a shell. Its stdin is either filled before it starts or a pipe (``ChildInput``).
/// - Output: stdout and stderr are read with `poll(2)` on the calling thread, only ever against a
///   deadline, into bounded ``OutputTail``s. Reading both streams means a child that prints a lot
///   on one of them cannot fill a pipe and stall.
/// - Exit: noticed with `waitid(WNOWAIT)` as well as Foundation's termination handler, because
///   Foundation on Linux reports an exit only once every descendant holding its inherited status
///   socket has gone. ``exit`` is how the child itself (not its children) ended.
/// - Stopping: signals go to the whole process group (or, if the child does not lead one, to the
///   child alone), so children a script forked are stopped too; a process that left the group
///   (`setsid`) is not, and its pipes are closed when this object goes away.
///
/// Not thread-safe: one thread at a time uses an instance (its owners serialise access); the
/// termination handler, on Foundation's thread, only signals a semaphore. Nothing is signalled on
/// deinit; the pipes are closed.
public final class ChildProcess {
    /// The executable's path (`/bin/sh` for a shell command).
    public let executable: String
    /// The arguments after the executable (`["-c", COMMAND]` for a shell command).
    public let arguments: [String]
    /// The child's process id.
    public let pid: pid_t
    /// Whether the child leads its own process group, so signals reach its children too.
    public let leadsProcessGroup: Bool
    /// What the child wrote on stdout and nobody took yet (``readLine(maxBytes:until:)`` takes
    /// lines from it); its last bytes when it is drained.
    public private(set) var stdout: OutputTail
    /// The last bytes the child wrote on stderr.
    public private(set) var stderr: OutputTail
    /// How the child ended, once noticed (by any call that reads or waits).
    public private(set) var exit: ChildExit?

    private let process: Process
    private let reapedSignal: DispatchSemaphore
    private let outputPipes: [Pipe]
    /// The read ends of stdout and stderr; `-1` once that stream reached its end.
    private var outputFDs: [Int32]
    /// The write end of a ``ChildInput/pipe`` stdin, until closed.
    private var stdinWriter: FileHandle?
    private let stdinPipe: Pipe?
    /// Foundation has reaped the child (its termination handler ran).
    private var reaped = false
    private var exitedAt: DispatchTime?
    private var buffer = [UInt8](repeating: 0, count: 64 * 1024)

    /// Starts `/bin/sh -c command`.
    /// - Parameters:
    ///   - command: the shell command.
    ///   - stdin: what the command reads: fixed bytes, or a pipe written with ``writeToStdin(_:until:)``.
    ///   - stdoutLimit: bytes of stdout kept (also the longest line ``readLine(maxBytes:until:)`` accepts).
    ///   - stderrLimit: bytes of stderr kept for messages.
    /// - Throws: ``ChildProcessError/cannotPrepareStdin(_:)`` or ``ChildProcessError/cannotStart(_:)``.
    public convenience init(shellCommand command: String, stdin: ChildInput = .pipe,
                            stdoutLimit: Int = 64 * 1024, stderrLimit: Int = 8 * 1024) throws(ChildProcessError) {
        try self.init(executable: "/bin/sh", arguments: ["-c", command], stdin: stdin,
                      stdoutLimit: stdoutLimit, stderrLimit: stderrLimit)
    }

    /// Starts `executable` with `arguments`, its stdout and stderr on pipes read by this object.
    /// - Parameters:
    ///   - executable: path of the program.
    ///   - arguments: its arguments (without the program name).
    ///   - stdin: what it reads: fixed bytes, or a pipe written with ``writeToStdin(_:until:)``.
    ///   - stdoutLimit: bytes of stdout kept (also the longest line ``readLine(maxBytes:until:)`` accepts).
    ///   - stderrLimit: bytes of stderr kept for messages.
    /// - Throws: ``ChildProcessError/cannotPrepareStdin(_:)`` or ``ChildProcessError/cannotStart(_:)``.
    public init(executable: String, arguments: [String], stdin: ChildInput = .pipe,
                stdoutLimit: Int = 64 * 1024, stderrLimit: Int = 8 * 1024) throws(ChildProcessError) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let preloaded: FileHandle?
        let inputPipe: Pipe?
        switch stdin {
        case .data(let payload):
            let handle: FileHandle
            do {
                handle = try ChildProcess.preloadedInput(payload)
            } catch {
                throw ChildProcessError.cannotPrepareStdin(error)
            }
            process.standardInput = handle
            preloaded = handle
            inputPipe = nil
        case .pipe:
            // A child that went away must be an error on write, not a signal that kills the caller.
            _ = signal(SIGPIPE, SIG_IGN)
            let pipe = Pipe()
            process.standardInput = pipe
            preloaded = nil
            inputPipe = pipe
        }
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        let reapedSignal = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in reapedSignal.signal() }

        // The child inherits this thread's signal mask; spawn it with an empty one.
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
        try? preloaded?.close()
        if let launchError {
            try? inputPipe?.fileHandleForWriting.close()
            try? output.fileHandleForReading.close()
            try? errors.fileHandleForReading.close()
            throw ChildProcessError.cannotStart(launchError)
        }

        let pid = process.processIdentifier
        // Foundation spawns the child as a process-group leader. If it did not (or the child is
        // already gone and its group unknowable), signal only the child, never another group.
        let group = getpgid(pid)
        leadsProcessGroup = group == pid || (group < 0 && errno == ESRCH)
        let fds = [output.fileHandleForReading.fileDescriptor, errors.fileHandleForReading.fileDescriptor]
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        }
        if let writer = inputPipe?.fileHandleForWriting {
            // Writes wait with `poll` against a deadline instead of blocking.
            _ = fcntl(writer.fileDescriptor, F_SETFL, fcntl(writer.fileDescriptor, F_GETFL) | O_NONBLOCK)
        }
        self.executable = executable
        self.arguments = arguments
        self.pid = pid
        self.process = process
        self.reapedSignal = reapedSignal
        self.outputPipes = [output, errors]
        self.outputFDs = fds
        self.stdinPipe = inputPipe
        self.stdinWriter = inputPipe?.fileHandleForWriting
        self.stdout = OutputTail(limit: stdoutLimit)
        self.stderr = OutputTail(limit: stderrLimit)
    }

    deinit {
        try? stdinWriter?.close()
        for pipe in outputPipes {
            try? pipe.fileHandleForReading.close()
        }
    }

    // MARK: - State

    /// Whether stdout or stderr is still open (the child, or something it started, holds it).
    public var isOutputOpen: Bool { outputFDs.contains { $0 >= 0 } }

    /// The child has exited and nothing holds its output pipes any more.
    public var isFinished: Bool { exit != nil && !isOutputOpen }

    // MARK: - Stdin

    /// Writes `data` to the child's stdin (a ``ChildInput/pipe``), reading its output meanwhile
    /// when the pipe is full, so neither side can block the other.
    /// - Throws: ``ChildProcessError/stdinClosed`` when the child no longer reads it,
    ///   ``ChildProcessError/timedOut`` when the pipe stays full until `deadline`, or
    ///   ``ChildProcessError/ioFailed(operation:code:)``.
    public func writeToStdin(_ data: Data, until deadline: DispatchTime = .distantFuture) throws(ChildProcessError) {
        guard let writer = stdinWriter else { throw ChildProcessError.stdinClosed }
        let fd = writer.fileDescriptor
        var offset = 0
        while offset < data.count {
            let written = data.withUnsafeBytes { bytes in
                write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            }
            if written > 0 {
                offset += written
                continue
            }
            let code = written < 0 ? errno : EIO
            if code == EINTR { continue }
            if code == EPIPE { throw ChildProcessError.stdinClosed }
            guard code == EAGAIN else { throw ChildProcessError.ioFailed(operation: "write", code: code) }
            guard DispatchTime.now() < deadline else { throw ChildProcessError.timedOut }
            if let failure = pollOutput(waitingUntil: deadline, writable: fd) {
                throw ChildProcessError.ioFailed(operation: "poll", code: failure)
            }
        }
    }

    /// Closes the child's stdin (it reads end of file); a no-op when it is closed already.
    public func closeStdin() {
        try? stdinWriter?.close()
        stdinWriter = nil
    }

    // MARK: - Output

    /// The next line of stdout (without its newline), reading stderr into its tail meanwhile.
    /// - Parameters:
    ///   - maxBytes: the longest line accepted (at most the stdout limit): a child that never ends
    ///     its line is writing garbage, not hanging.
    ///   - deadline: when to give up.
    /// - Throws: ``ChildProcessError/timedOut``, ``ChildProcessError/lineTooLong(limit:)``,
    ///   ``ChildProcessError/exited(_:)`` when stdout ends first (after waiting up to 0.5 s to learn
    ///   how the child ended, reading the rest of its stderr), or
    ///   ``ChildProcessError/ioFailed(operation:code:)`` when `poll` fails.
    public func readLine(maxBytes: Int, until deadline: DispatchTime) throws(ChildProcessError) -> String {
        let limit = min(maxBytes, stdout.limit)
        var searched = 0
        while true {
            if let newline = stdout.newlineIndex(searchingFrom: searched) {
                guard newline <= limit else { throw ChildProcessError.lineTooLong(limit: limit) }
                return stdout.removeLine(endingAt: newline)
            }
            searched = stdout.count
            if stdout.count > limit { throw ChildProcessError.lineTooLong(limit: limit) }
            guard outputFDs[0] >= 0 else {
                throw ChildProcessError.exited(waitForExit(until: DispatchTime.now() + 0.5))
            }
            guard DispatchTime.now() < deadline else { throw ChildProcessError.timedOut }
            if let failure = pollOutput(waitingUntil: deadline) {
                throw ChildProcessError.ioFailed(operation: "poll", code: failure)
            }
        }
    }

    /// Reads stdout and stderr into their tails until the child has exited and released its pipes
    /// (``isFinished``), until `deadline`, or — with `grace` — until `grace` seconds after the child
    /// exited while something (a background child) still holds its pipes.
    /// - Returns: ``isFinished``.
    @discardableResult
    public func drainOutput(until deadline: DispatchTime, afterExitGrace grace: Double? = nil) -> Bool {
        while true {
            observeExit(waitingUntil: nil)
            if isFinished { return true }
            let now = DispatchTime.now()
            if now >= deadline { return false }
            // Until the exit is known, look for it (`waitid`) every 0.1 s.
            var wake = min(deadline, now + 0.1)
            if let exitedAt {
                if let grace {
                    if now >= exitedAt + grace { return false }
                    wake = min(deadline, exitedAt + grace)
                } else {
                    wake = deadline
                }
            }
            if isOutputOpen {
                if pollOutput(waitingUntil: wake) != nil { usleep(10_000) }  // not expected; deadlines still hold
            } else {
                observeExit(waitingUntil: wake)
            }
        }
    }

    /// Reads output (as ``drainOutput(until:afterExitGrace:)``) until the child has exited and
    /// released its pipes, or until `deadline`.
    /// - Returns: how the child ended, or `nil` if it was still running at the deadline.
    @discardableResult
    public func waitForExit(until deadline: DispatchTime) -> ChildExit? {
        drainOutput(until: deadline)
        return exit
    }

    // MARK: - Signals

    /// Sends `signal` to the child's process group (or to the child alone when it leads none).
    public func send(_ signal: Int32) {
        if leadsProcessGroup {
            _ = kill(-pid, signal)
        } else if !reaped {
            _ = kill(pid, signal)
        }
    }

    /// Stops the child and its process group: sends each of `signals` in turn, each time reading
    /// output until the child has exited and released its pipes or `grace` seconds pass. Returns
    /// at once when the child is finished already.
    /// - Parameters:
    ///   - grace: seconds given after each signal.
    ///   - signals: `SIGTERM` then `SIGKILL` unless told otherwise.
    public func terminate(grace: Double = 1, signals: [Int32] = [SIGTERM, SIGKILL]) {
        for number in signals {
            if isFinished { return }
            send(number)
            if drainOutput(until: DispatchTime.now() + grace) { return }
        }
    }

    /// The symbolic name of a signal (`SIGKILL`), or `signal N` for one not listed.
    public static func signalName(_ number: Int32) -> String {
        signalNames.first { $0.number == number }?.name ?? "signal \(number)"
    }

    /// The system's description of a signal (`strsignal`: `Killed` for `SIGKILL` on Linux).
    public static func signalDescription(_ number: Int32) -> String {
        guard let description = strsignal(number) else { return "unknown signal" }
        return String(cString: description)
    }

    // MARK: - Internals

    private static let signalNames: [(number: Int32, name: String)] = [
        (SIGHUP, "SIGHUP"), (SIGINT, "SIGINT"), (SIGQUIT, "SIGQUIT"), (SIGILL, "SIGILL"),
        (SIGTRAP, "SIGTRAP"), (SIGABRT, "SIGABRT"), (SIGBUS, "SIGBUS"), (SIGFPE, "SIGFPE"),
        (SIGKILL, "SIGKILL"), (SIGUSR1, "SIGUSR1"), (SIGSEGV, "SIGSEGV"), (SIGUSR2, "SIGUSR2"),
        (SIGPIPE, "SIGPIPE"), (SIGALRM, "SIGALRM"), (SIGTERM, "SIGTERM"), (SIGCHLD, "SIGCHLD"),
        (SIGCONT, "SIGCONT"), (SIGSTOP, "SIGSTOP"), (SIGTSTP, "SIGTSTP"), (SIGTTIN, "SIGTTIN"),
        (SIGTTOU, "SIGTTOU"), (SIGURG, "SIGURG"), (SIGXCPU, "SIGXCPU"), (SIGXFSZ, "SIGXFSZ"),
        (SIGVTALRM, "SIGVTALRM"), (SIGPROF, "SIGPROF"), (SIGWINCH, "SIGWINCH"), (SIGSYS, "SIGSYS"),
    ]

    /// Notices the child's exit: from Foundation's termination handler (waiting for it until
    /// `wake`) or, since Foundation on Linux only reports it once every process holding its
    /// inherited status socket has gone, from `waitid(WNOWAIT)`, which reads the status without
    /// reaping.
    private func observeExit(waitingUntil wake: DispatchTime?) {
        if !reaped, reapedSignal.wait(timeout: wake ?? .now()) == .success {
            reaped = true
            if exit == nil {
                let status = process.terminationStatus
                exit = process.terminationReason == .uncaughtSignal
                    ? ChildExit.signaled(status) : ChildExit.exited(status: status)
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
                exit = info.si_code != CLD_EXITED ? ChildExit.signaled(status) : ChildExit.exited(status: status)
            }
        }
        if exit != nil, exitedAt == nil { exitedAt = .now() }
    }

    /// Waits until `wake` (at most 1 s) for output — and, given `writable`, for room in that
    /// descriptor — and reads what is ready into the tails; a stream at its end is no longer polled.
    /// - Returns: the `errno` of a failed `poll` (other than `EINTR`), or `nil`.
    private func pollOutput(waitingUntil wake: DispatchTime, writable: Int32? = nil) -> Int32? {
        var polled = outputFDs.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        if let writable { polled.append(pollfd(fd: writable, events: Int16(POLLOUT), revents: 0)) }
        let ready = polled.withUnsafeMutableBufferPointer {
            poll($0.baseAddress, nfds_t($0.count), Self.milliseconds(until: wake))
        }
        if ready < 0 {
            let code = errno
            return code == EINTR ? nil : code
        }
        guard ready > 0 else { return nil }
        for index in outputFDs.indices where outputFDs[index] >= 0 && polled[index].revents != 0 {
            let fd = outputFDs[index]
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count > 0 {
                buffer.withUnsafeBytes { chunk in
                    let bytes = UnsafeRawBufferPointer(rebasing: chunk[0..<count])
                    if index == 0 { stdout.append(bytes) } else { stderr.append(bytes) }
                }
            } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                outputFDs[index] = -1
            }
        }
        return nil
    }

    /// Milliseconds from now until `wake`, rounded up, at most 1000.
    private static func milliseconds(until wake: DispatchTime) -> Int32 {
        let now = DispatchTime.now().uptimeNanoseconds
        let waitNs = wake.uptimeNanoseconds > now ? wake.uptimeNanoseconds - now : 0
        return Int32(min(waitNs / 1_000_000 + (waitNs % 1_000_000 > 0 ? 1 : 0), 1000))
    }

    /// A read handle on `payload`: a pipe already holding it (write end closed), or for a payload
    /// too large for a pipe buffer an unlinked temporary file positioned at its start.
    private static func preloadedInput(_ payload: Data) throws -> FileHandle {
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
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Testing
import VernierProcess

/// `ChildProcess` against small shell commands: a line exchange, deadlines, exit statuses,
/// signals, long lines and stdin, each well under two seconds.
@Suite struct ChildProcessTests {
    /// `seconds` from now.
    static func after(_ seconds: Double) -> DispatchTime {
        DispatchTime.now() + seconds
    }

    /// The error `body` throws, or `nil` when it returns.
    static func error(_ body: () throws(ChildProcessError) -> Void) -> ChildProcessError? {
        do {
            try body()
            return nil
        } catch {
            return error
        }
    }

    @Test func exchangesLinesWithAShellLoop() throws {
        let child = try ChildProcess(shellCommand: #"while read l; do echo "got $l"; done"#)
        try child.writeToStdin(Data("one\n".utf8))
        #expect(try child.readLine(maxBytes: 1024, until: Self.after(2)) == "got one")
        try child.writeToStdin(Data("two\nthree\n".utf8))
        #expect(try child.readLine(maxBytes: 1024, until: Self.after(2)) == "got two")
        #expect(try child.readLine(maxBytes: 1024, until: Self.after(2)) == "got three")
        child.closeStdin()
        #expect(child.waitForExit(until: Self.after(2)) == ChildExit.exited(status: 0))
        #expect(child.isFinished)
        // Stdin is closed now: writing is an error, not a SIGPIPE.
        let late = Self.error { () throws(ChildProcessError) in try child.writeToStdin(Data("four\n".utf8)) }
        guard case .stdinClosed? = late else {
            Issue.record("expected stdinClosed, got \(String(describing: late))")
            return
        }
    }

    @Test func writingToAChildThatExitedIsAnError() throws {
        let child = try ChildProcess(shellCommand: "exit 0")
        #expect(child.waitForExit(until: Self.after(2)) == ChildExit.exited(status: 0))
        let error = Self.error { () throws(ChildProcessError) in try child.writeToStdin(Data("late\n".utf8)) }
        guard case .stdinClosed? = error else {
            Issue.record("expected stdinClosed, got \(String(describing: error))")
            return
        }
    }

    @Test func aDeadlineOnASilentChildTimesOutAndTheChildIsKilled() throws {
        let started = Date()
        let child = try ChildProcess(shellCommand: "sleep 5")
        let error = Self.error { () throws(ChildProcessError) in _ = try child.readLine(maxBytes: 1024, until: Self.after(0.2)) }
        guard case .timedOut? = error else {
            Issue.record("expected a timeout, got \(String(describing: error))")
            return
        }
        #expect(child.exit == nil)
        child.terminate(grace: 1)
        #expect(child.exit == ChildExit.signaled(SIGTERM))
        #expect(child.isFinished)

        // The same when draining output rather than reading lines.
        let quiet = try ChildProcess(shellCommand: "sleep 5", stdin: .data(Data()))
        #expect(!quiet.drainOutput(until: Self.after(0.2), afterExitGrace: 1))
        #expect(quiet.exit == nil)
        quiet.terminate(grace: 1)
        #expect(quiet.exit == ChildExit.signaled(SIGTERM))
        #expect(Date().timeIntervalSince(started) < 2)
    }

    @Test func aFailingChildReportsItsStatusAndStderrTail() throws {
        let child = try ChildProcess(
            shellCommand: "echo out; echo 'first problem' >&2; echo '  CUDA out of memory  ' >&2; exit 3",
            stdin: .data(Data()))
        #expect(child.drainOutput(until: Self.after(2), afterExitGrace: 1))
        #expect(child.exit == ChildExit.exited(status: 3))
        #expect(child.exit?.description == "exit status 3")
        #expect(child.stdout.text == "out\n")
        #expect(child.stderr.text.contains("CUDA out of memory"))
        #expect(child.stderr.lastLines(1) == "CUDA out of memory")
        #expect(child.stderr.lastLines(3) == "first problem | CUDA out of memory")
        #expect(child.stderr.lastLines(3, maxCharacters: 9) == "…of memory")
    }

    @Test func readingPastTheLastLineReportsTheExit() throws {
        let child = try ChildProcess(shellCommand: "echo hi; echo bye >&2; exit 4", stdin: .data(Data()))
        #expect(try child.readLine(maxBytes: 64, until: Self.after(2)) == "hi")
        let error = Self.error { () throws(ChildProcessError) in _ = try child.readLine(maxBytes: 64, until: Self.after(2)) }
        guard case .exited(let exit)? = error else {
            Issue.record("expected exited, got \(String(describing: error))")
            return
        }
        #expect(exit == ChildExit.exited(status: 4))
        #expect(child.stderr.lastLines(3) == "bye")
    }

    @Test func aChildKilledByASignalIsReportedWithItsName() throws {
        let child = try ChildProcess(shellCommand: "kill -9 $$", stdin: .data(Data()))
        #expect(child.drainOutput(until: Self.after(2), afterExitGrace: 1))
        #expect(child.exit == ChildExit.signaled(SIGKILL))
        #expect(ChildProcess.signalName(SIGKILL) == "SIGKILL")
        #expect(ChildProcess.signalName(SIGTERM) == "SIGTERM")
        #expect(child.exit?.description == "signal \(SIGKILL) (SIGKILL)")
        #expect(!ChildProcess.signalDescription(SIGKILL).isEmpty)
    }

    @Test func aLineLongerThanTheLimitIsAnError() throws {
        let child = try ChildProcess(shellCommand: "printf 'x%.0s' $(seq 1 3000); echo", stdin: .data(Data()))
        let error = Self.error { () throws(ChildProcessError) in _ = try child.readLine(maxBytes: 1000, until: Self.after(2)) }
        guard case .lineTooLong(let limit)? = error else {
            Issue.record("expected lineTooLong, got \(String(describing: error))")
            return
        }
        #expect(limit == 1000)
        child.terminate(grace: 1)
    }

    @Test func preloadedStdinReachesTheChildEvenWhenLargerThanAPipe() throws {
        let small = try ChildProcess(shellCommand: "cat", stdin: .data(Data("hello\n".utf8)))
        #expect(try small.readLine(maxBytes: 64, until: Self.after(2)) == "hello")
        let large = try ChildProcess(shellCommand: "wc -c", stdin: .data(Data(repeating: UInt8(ascii: "a"), count: 100_000)))
        let count = try large.readLine(maxBytes: 64, until: Self.after(2))
        #expect(count.trimmingCharacters(in: .whitespaces) == "100000")
        // A child that never reads its stdin is not blocked by it.
        let deaf = try ChildProcess(shellCommand: "exec 0<&-; echo 12", stdin: .data(Data("ignored\n".utf8)))
        #expect(try deaf.readLine(maxBytes: 64, until: Self.after(2)) == "12")
    }

    @Test func aMissingExecutableCannotStart() {
        do {
            _ = try ChildProcess(executable: "/nonexistent/vernier-child", arguments: [], stdin: .data(Data()))
            Issue.record("a missing executable started")
        } catch {
            guard case .cannotStart = error else {
                Issue.record("expected cannotStart, got \(error)")
                return
            }
        }
    }

    @Test func outputTailKeepsTheLastBytes() {
        var tail = OutputTail(limit: 8)
        tail.append(contentsOf: Array("0123456789abcdefghij".utf8))
        #expect(tail.text == "cdefghij")
        #expect(tail.count <= 16)
        var lines = OutputTail(limit: 64)
        lines.append(contentsOf: Array("one\ntwo\npartial".utf8))
        let first = lines.newlineIndex()
        #expect(first == 3)
        #expect(lines.removeLine(endingAt: first!) == "one")
        #expect(lines.removeLine(endingAt: lines.newlineIndex()!) == "two")
        #expect(lines.newlineIndex() == nil)
        #expect(lines.text == "partial")
    }
}

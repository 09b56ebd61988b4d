import Foundation
import VernierModel
import VernierProcess

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
/// Process handling (`ChildProcess`, in VernierProcess): the command leads its own process group.
/// Stdin is filled before the command starts — a pipe pre-loaded with the request (or an unlinked
/// temporary file when the request would not fit in a pipe buffer) — so a command that never reads
/// stdin can neither block nor `SIGPIPE` the caller. Stdout and stderr are drained with `poll(2)`
/// against one deadline, so large output cannot fill a pipe and stall the command, and nothing
/// waits without a deadline.
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
        let (child, timedOut) = try run(payload: payload, arch: arch)

        // The last three non-empty stderr lines, joined with ` | `, at most 300 characters.
        let errTail = child.stderr.lastLines(3, maxCharacters: 300)
        let errSuffix = errTail.isEmpty ? "" : "; stderr: \(errTail)"
        guard !timedOut, let exit = child.exit else {
            throw failure(arch, "timed out after \(Self.seconds(timeoutSeconds)) s and was killed\(errSuffix)")
        }
        switch exit {
        case .signaled(let number):
            throw failure(arch, "was killed by signal \(number) (\(ChildProcess.signalDescription(number)))\(errSuffix)")
        case .exited(let status) where status != 0:
            throw failure(arch, "failed with exit status \(status)\(errSuffix)")
        case .exited:
            break
        }
        let lines = child.stdout.text.split(whereSeparator: \.isNewline)
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

    /// Starts the command with the request on stdin and drains stdout/stderr until it exits or the
    /// deadline passes. A command past its deadline, or one whose background children still hold
    /// its pipes 1 s after it exited, is stopped with its process group.
    /// - Returns: the command, and whether it ran past the deadline.
    private func run(payload: Data, arch: String) throws(SearchError) -> (child: ChildProcess, timedOut: Bool) {
        let child: ChildProcess
        do {
            child = try ChildProcess(shellCommand: command, stdin: .data(payload))
        } catch {
            switch error {
            case .cannotPrepareStdin(let cause):
                throw failure(arch, "was not started: cannot prepare its stdin (\(cause))")
            case .cannotStart(let cause):
                throw failure(arch, "could not be started with /bin/sh (\(cause))")
            default:
                throw failure(arch, "could not be started with /bin/sh (\(error))")
            }
        }
        child.drainOutput(until: hasLimit ? .now() + timeoutSeconds : .distantFuture, afterExitGrace: 1.0)
        let timedOut = child.exit == nil
        // Timed out, or exited leaving background children that hold its pipes: stop them all.
        if !child.isFinished { child.terminate(grace: 1.0) }
        return (child, timedOut)
    }

    // MARK: - Messages

    private func failure(_ arch: String, _ what: String) -> SearchError {
        SearchError(.estimatorFailed, "accuracy command `\(Self.clip(command, 120))` \(what) (arch \(arch))")
    }

    private static func clip(_ text: String, _ limit: Int) -> String {
        text.count > limit ? text.prefix(limit) + "…" : text
    }

    /// `0.5`, `30`, `12.3`: seconds as the user would write them.
    private static func seconds(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e9 { return String(Int(value)) }
        return String(format: "%.1f", value) == "0.0" ? String(format: "%.3g", value) : String(format: "%.1f", value)
    }
}

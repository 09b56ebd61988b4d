import Foundation
import VernierModel

/// A backend that times layers and architectures through an external runner program speaking
/// the JSON-lines protocol of DESIGN.md (e.g. `runners/onnxruntime/runner.py`). The runner is
/// started once and kept; one that crashes is restarted once per request, one that hangs is
/// killed after ``timeoutSeconds``, and garbage or a wrong id is an error naming the line.
///
/// Samples come from the runner's own clock, so process round trips do not enter them; the
/// runner's per-call floor (its `overhead` request: an Identity graph) is measured at start and
/// subtracted from single-layer samples, where a LUT sum would otherwise count it once per layer.
public final class RunnerBackend: Backend, @unchecked Sendable {
    /// The shell command that starts the runner.
    public let command: String
    /// Seconds a request may take before the runner is killed.
    public let timeoutSeconds: Double
    /// What the runner says about itself (`info`: name, versions); empty if it gave nothing.
    public private(set) var info: [String: String] = [:]
    /// The runner's per-call floor, ms (median of its `overhead` request).
    public private(set) var overheadMs = 0.0
    /// How often the runner process was (re)started.
    public private(set) var starts = 0

    private let lock = NSLock()
    private var process: RunnerProcess?
    private var nextID = 1

    /// Starts the runner and asks for its info and per-call overhead.
    /// - Throws: ``RunnerError`` when it cannot start or does not speak the protocol.
    public init(command: String, timeoutSeconds: Double = 120, threads: Int) throws(RunnerError) {
        self.command = command
        self.timeoutSeconds = timeoutSeconds
        do {
            // `info` and `overhead` are optional for a runner: an error reply to them is no error.
            if let (_, line) = try optional({ () throws(RunnerError) in
                try reply(to: RunnerRequest<LayerSpec>(id: 0, kind: "info", space: "", spec: nil, warmup: 0,
                                                       repetitions: 0, minSampleMs: 0, threads: threads))
            }), let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] {
                for (key, value) in object where key != "id" { info[key] = "\(value)" }
            }
            if let (overhead, _) = try optional({ () throws(RunnerError) in
                try reply(to: RunnerRequest<LayerSpec>(id: 0, kind: "overhead", space: "", spec: nil, warmup: 10,
                                                       repetitions: 15, minSampleMs: 1, threads: threads))
            }), let samples = overhead.samplesMs, !samples.isEmpty {
                overheadMs = SampleStatistics(samples).median
            }
        } catch {
            process?.stop()
            throw error
        }
    }

    deinit { process?.stop() }

    /// `runner:<name the runner gives itself>`, or `runner:<command>` if it gives none.
    public var name: String { "runner:\(info["runner"] ?? command)" }

    public func measure(layer: LayerConfig, harness: Harness, counters: CounterGroup?) throws -> Measurement {
        try timed(harness: harness, subtractOverhead: true) { id, settings in
            RunnerRequest(id: id, kind: "op", space: "", spec: LayerSpec(layer), warmup: settings.warmupCalls,
                          repetitions: settings.repetitions, minSampleMs: settings.minSampleMs, threads: settings.threads)
        }
    }

    public func measure(architecture: Architecture, harness: Harness, counters: CounterGroup?) throws -> Measurement {
        try timed(harness: harness, subtractOverhead: false) { id, settings in
            RunnerRequest(id: id, kind: "arch", space: architecture.space, spec: ArchitectureSpec(architecture),
                          warmup: settings.warmupCalls, repetitions: settings.repetitions,
                          minSampleMs: settings.minSampleMs, threads: settings.threads)
        }
    }

    /// Times `architecture` interleaved with `reference` sample by sample in the runner (the
    /// request's `reference` field); the statistics are of the per-sample ratios.
    public func measure(architecture: Architecture, relativeTo reference: Architecture,
                        harness: Harness) throws -> (ratio: Measurement, referenceMs: Double) {
        var referenceMs = 0.0
        let ratio = try timed(harness: harness, subtractOverhead: false, samples: { reply throws(RunnerError) in
            guard let body = reply.samplesMs, let references = reply.referenceSamplesMs, body.count == references.count,
                  references.allSatisfy({ $0 > 0 }) else {
                throw RunnerError(.garbage, "runner `\(command)` replied without reference_samples_ms matching samples_ms")
            }
            referenceMs = SampleStatistics(references).median
            return zip(body, references).map { $0 / $1 }
        }) { id, settings in
            RunnerRequest(id: id, kind: "arch", space: architecture.space, spec: ArchitectureSpec(architecture),
                          warmup: settings.warmupCalls, repetitions: settings.repetitions,
                          minSampleMs: settings.minSampleMs, threads: settings.threads,
                          reference: ArchitectureSpec(reference))
        }
        return (ratio, referenceMs)
    }

    /// Stops the runner.
    public func stop() {
        lock.withLock {
            process?.stop()
            process = nil
        }
    }

    // MARK: - Requests

    /// Requests samples until their CV (after outlier rejection) is within the threshold or the
    /// retries are spent, keeping the steadiest attempt, as ``Harness`` does.
    private func timed<Spec: Encodable>(harness: Harness, subtractOverhead: Bool,
                                        samples extract: (RunnerReply) throws(RunnerError) -> [Double] = { $0.samplesMs ?? [] },
                                        request: (Int, TimingSettings) -> RunnerRequest<Spec>) throws -> Measurement {
        let settings = harness.settings
        return try harness.steadiest { () -> (samples: [Double], inner: Int, extra: Void) in
            let answer = try lock.withLock { () throws(RunnerError) in try reply(to: request(0, settings)).reply }
            var samples = try RunnerReply.validSamples(try extract(answer), command: command)
            if subtractOverhead { samples = samples.map { max($0 - overheadMs, $0 * 0.01) } }
            return (samples, answer.inner ?? 1, ())
        }.measurement
    }

    /// The result of `body`, or `nil` when the runner answered it with an error.
    private func optional<T>(_ body: () throws(RunnerError) -> T) throws(RunnerError) -> T? {
        do { return try body() } catch where error.code == .failed { return nil }
    }

    /// Sends `request` (with a fresh id) and decodes the matching reply (and returns its line); an
    /// `error` reply throws ``RunnerError/Code/failed`` with the runner's message. Call with the lock held.
    private func reply<Spec: Encodable>(to request: RunnerRequest<Spec>) throws(RunnerError) -> (reply: RunnerReply, line: String) {
        let line = try send(request)
        do {
            return (try RunnerReply.decode(line: line, expectedID: nextID - 1, command: command), line)
        } catch {
            // A garbled or misnumbered reply leaves the conversation out of step: start afresh.
            if error.code != .failed { dropProcess() }
            throw error
        }
    }

    /// Sends `request` with the next id and returns the reply line. A runner that is gone is
    /// started again once; a second loss (or a timeout) is an error. Call with the lock held.
    private func send<Spec: Encodable>(_ request: RunnerRequest<Spec>) throws(RunnerError) -> String {
        var numbered = request
        numbered.id = nextID
        nextID += 1
        let line: String
        do { line = String(decoding: try JSONEncoder().encode(numbered), as: UTF8.self) } catch {
            throw RunnerError(.garbage, "cannot encode a request: \(error)")
        }
        var restarted = false
        while true {
            let running: RunnerProcess
            if let process { running = process } else {
                running = try RunnerProcess(command: command)
                process = running
                starts += 1
                restarted = starts > 1
            }
            do {
                return try running.exchange(line, timeout: timeoutSeconds)
            } catch {
                dropProcess()
                // A runner that crashed on an earlier request gets one fresh start for this one.
                if error.code == .exited && !restarted && starts > 0 {
                    restarted = true
                    continue
                }
                throw error
            }
        }
    }

    private func dropProcess() {
        process?.stop()
        process = nil
    }

    /// A reply line as shown in errors: at most 200 characters, quoted.
    static func quote(_ line: String) -> String {
        line.count > 200 ? "\"\(line.prefix(200))…\"" : "\"\(line)\""
    }
}

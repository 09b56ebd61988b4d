import Foundation
import VernierModel

/// Measures every layer config of a list that the store does not have yet, committing each entry
/// as soon as it is measured: a killed run resumes where it stopped, and concurrent runs on the
/// same database claim keys so that nothing is measured twice.
///
/// Every entry is timed ``passes`` times, seconds apart: the builder times the layers of a window
/// (``passWindowSeconds`` of measuring) once each, then each again, and stores the fastest pass —
/// on a shared machine contention only ever adds time, and it comes in phases of seconds, so the
/// fastest of passes in different phases is what a second build finds again.
///
/// With a ``TimeBase`` the builder times ``referenceLayer`` (briefly) before and after every
/// timing and scales it by the base's reference latency over the mean of the two, so that
/// entries measured while the machine runs slow or fast land on one time base (see
/// ``TimeBase``). When the two reference readings differ by more than ``maxReferenceShift`` the
/// machine changed speed during the timing, and it is done again. Without a time base, entries
/// are absolute.
public struct LUTBuilder: Sendable {
    /// Where entries go.
    public let store: any LUTEntrySink
    /// Device the entries belong to.
    public let deviceID: String
    /// How layers are timed.
    public let backend: any Backend
    /// Timing rules.
    public let harness: Harness
    /// Counter events to read (empty: none).
    public let counterEvents: [String]
    /// Time base of drift-corrected timing; `nil` stores every entry absolutely.
    public let timeBase: TimeBase?
    /// Largest relative change of the reference between the readings around an entry that is accepted.
    public let maxReferenceShift: Double
    /// The default of ``maxReferenceShift``, also used for the arch measurer's reference.
    public static let defaultMaxReferenceShift = 0.1
    /// Timings per entry, a window apart; the fastest is stored.
    public let passes: Int
    /// Seconds of first-pass measuring after which the window's layers get their later passes.
    public let passWindowSeconds: Double
    /// How much slower than the base the reference may run before the machine counts as
    /// contended and the entry waits for it to calm down.
    public let maxSlowdown: Double
    /// Longest wait per entry for the machine to leave a contended phase.
    public let maxWaitSeconds: Double

    /// Creates a builder.
    public init(store: any LUTEntrySink, deviceID: String, backend: any Backend, harness: Harness,
                counterEvents: [String] = CounterGroup.defaultEvents, timeBase: TimeBase? = nil,
                maxReferenceShift: Double = LUTBuilder.defaultMaxReferenceShift,
                passes: Int = 2, passWindowSeconds: Double = 4, maxSlowdown: Double = 0.25, maxWaitSeconds: Double = 30) {
        self.store = store
        self.deviceID = deviceID
        self.backend = backend
        self.harness = harness
        self.counterEvents = counterEvents
        self.timeBase = timeBase
        self.maxReferenceShift = maxReferenceShift
        self.passes = max(1, passes)
        self.passWindowSeconds = passWindowSeconds
        self.maxSlowdown = maxSlowdown
        self.maxWaitSeconds = maxWaitSeconds
    }

    /// The layer every entry is timed against: an inverted-residual block (1×1 expansion to 192,
    /// 3×3 depthwise, 1×1 projection, residual add) on 28×28×32, so that its time moves with both
    /// the sgemm and the memory-bound kernels the spaces use.
    public static let referenceLayer = LayerConfig.mbconv(
        input: Shape(side: 28, channels: 32), cout: 32, kernel: 3, stride: 1, expansion: 6, mid: 192,
        activation: .relu, residual: true)

    /// Measures ``referenceLayer`` as a new time base: `readings` measurements `spacingSeconds`
    /// apart, and the fastest one kept, so that the base is the machine's uncontended speed. The
    /// readings span several seconds because this VM's slow phases do: ten readings 0.2 s apart
    /// once all fell into one and put a base 19 % above the speed the build then mostly saw.
    public static func measureTimeBase(backend: any Backend, harness: Harness, readings: Int = 12,
                                       spacingSeconds: Double = 0.5) throws -> TimeBase {
        let best = try FastestReading.of(readings, spacingSeconds: spacingSeconds, ms: \.stats.median) {
            try backend.measure(layer: referenceLayer, harness: harness, counters: nil)
        }
        return TimeBase(backend: backend.name, threads: harness.settings.threads, referenceKey: referenceLayer.key,
                        referenceMs: best.stats.median, cv: best.stats.cv,
                        measuredAt: ISO8601DateFormatter().string(from: Date()))
    }

    /// `host:pid` of this process.
    public static var owner: String { "\(ProcessInfo.processInfo.hostName):\(getpid())" }

    /// Whether the process that owns a claim still runs (same host: `kill(pid, 0)`; other hosts
    /// are trusted until the claim times out).
    static func isAlive(_ owner: String) -> Bool {
        let parts = owner.split(separator: ":")
        guard parts.count == 2, let pid = Int32(parts[1]) else { return false }
        guard String(parts[0]) == ProcessInfo.processInfo.hostName else { return true }
        return kill(pid, 0) == 0 || errno == EPERM
    }

    /// A claimed layer of the current window and its timings so far.
    struct Pending {
        let key: String
        let layer: LayerConfig
        var timings: [ScaledTiming]
    }

    /// Measures the missing entries of `layers` (deduplicated by key), and again the stored
    /// ones whose keys are in `remeasuring` (each replaced only once its new timing is done).
    /// - Parameters:
    ///   - progress: called after each layer is stored (or skipped, or failed) with the running
    ///     report and the layer's key.
    ///   - stop: asked before each new layer; when it says yes, the window's layers are finished
    ///     and stored, and the build returns early.
    public func build(layers: [LayerConfig], remeasuring: Set<String> = [],
                      progress: (LUTBuildReport, String) throws -> Void = { _, _ in },
                      stop: () -> Bool = { false }) throws -> LUTBuildReport {
        var unique: [String: LayerConfig] = [:]
        for layer in layers where unique[layer.key] == nil { unique[layer.key] = layer }
        let present = try store.lutKeys(device: deviceID, backend: backend.name).subtracting(remeasuring)
        var report = LUTBuildReport(total: unique.count, alreadyPresent: unique.keys.filter(present.contains).count)
        let todo = unique.keys.filter { !present.contains($0) }.sorted()
        let counters = counterEvents.isEmpty ? nil : CounterGroup(events: counterEvents)
        let start = MonotonicClock.nanoseconds()
        func elapsed(since: UInt64) -> Double { Double(MonotonicClock.nanoseconds() - since) / 1e9 }
        var readings = ReferenceReadings()
        var window: [Pending] = []
        var windowStart = MonotonicClock.nanoseconds()

        func fail(_ key: String, _ error: any Error) throws {
            try? store.releaseLUTClaim(device: deviceID, backend: backend.name, key: key)
            report.failed.append(LUTBuildReport.Failure(key: key, error: "\(error)"))
            report.seconds = elapsed(since: start)
            try progress(report, key)
        }
        /// Later passes over the window, then one commit per layer. A layer leaves the window only
        /// when it is stored or failed, so that an error thrown meanwhile releases the claims of
        /// the rest.
        func finishWindow() throws {
            for _ in 1..<passes {
                var index = 0
                while index < window.count {
                    do {
                        window[index].timings.append(try trial(window[index].layer, counters: counters, readings: &readings))
                        index += 1
                    } catch {
                        try fail(window.remove(at: index).key, error)
                    }
                }
            }
            while !window.isEmpty {
                let pending = window.removeFirst()
                do {
                    let record = try entry(pending)
                    if remeasuring.contains(pending.key) {
                        try store.replaceLUTEntry(record.entry)
                        report.measured += 1
                        report.remeasured += 1
                    } else if try store.commitLUTEntry(record.entry) {
                        report.measured += 1
                    } else {
                        report.takenByOthers += 1
                    }
                    if record.measurement.stats.cv <= harness.settings.cvThreshold { report.withinCV += 1 }
                } catch { try fail(pending.key, error); continue }
                report.seconds = elapsed(since: start)
                try progress(report, pending.key)
            }
            windowStart = MonotonicClock.nanoseconds()
        }

        do {
            for key in todo {
                if stop() { break }
                // A stored entry being re-measured has no claim to take (claims guard missing keys).
                let claimed = try remeasuring.contains(key)
                    || store.claimLUTKey(device: deviceID, backend: backend.name, key: key, owner: Self.owner, isAlive: Self.isAlive)
                guard claimed else {
                    report.takenByOthers += 1
                    try progress(report, key)
                    continue
                }
                let layer = unique[key]!
                do {
                    window.append(Pending(key: key, layer: layer,
                                          timings: [try trial(layer, counters: counters, readings: &readings)]))
                } catch { try fail(key, error) }
                if elapsed(since: windowStart) >= passWindowSeconds { try finishWindow() }
            }
            try finishWindow()
        } catch {
            // Claims of a window that will not be finished go back, so that a resumed run takes them.
            for pending in window { try? store.releaseLUTClaim(device: deviceID, backend: backend.name, key: pending.key) }
            throw error
        }
        report.seconds = elapsed(since: start)
        if readings.count >= TimeBaseRebase.minimumBrackets { report.fastestReferenceMs = readings.fastest }
        return report
    }

    /// The record of a layer from its fastest pass.
    func entry(_ pending: Pending) throws -> (entry: LUTEntryRecord, measurement: Measurement) {
        let chosen = pending.timings.min { $0.ms < $1.ms }!
        let m = chosen.measurement
        let settings = MeasurementSettings(
            timing: harness.settings, passes: pending.timings.count, passMs: pending.timings.map(\.ms),
            reference: timeBase?.referenceKey, referenceStoredMs: timeBase?.referenceMs, referenceNowMs: chosen.reference,
            rawMedianMs: timeBase == nil ? nil : m.stats.median)
        let entry = LUTEntryRecord(
            deviceId: deviceID, backend: backend.name, key: pending.key, op: pending.layer.op.rawValue,
            stats: m.latencyStats(scaledBy: chosen.scale), counters: try CompactJSON.text(m.counters), settings: try CompactJSON.text(settings))
        return (entry, m)
    }

    /// Times `layer` once; with a time base, between two brief timings of the reference, again
    /// while they differ by more than ``maxReferenceShift`` (the machine changed speed meanwhile),
    /// and — for up to ``maxWaitSeconds`` — again after a pause while the reference runs more than
    /// ``maxSlowdown`` slower than usual (a contention spike, in which layers do not all slow down
    /// alike, so scaling alone cannot correct them). "Usual" is the slower of the base and the
    /// median of the last brackets: a slow phase that lasts is scaled, not waited out.
    func trial(_ layer: LayerConfig, counters: CounterGroup?, readings: inout ReferenceReadings) throws -> ScaledTiming {
        guard let timeBase else {
            return ScaledTiming(measurement: try backend.measure(layer: layer, harness: harness, counters: counters), scale: 1, reference: nil)
        }
        let bracket = ReferenceBracket(timeBase: timeBase, backend: backend, harness: harness,
                                       maxReferenceShift: maxReferenceShift)
        let start = MonotonicClock.nanoseconds()
        while true {
            let usual = max(timeBase.referenceMs, readings.typical ?? 0)
            let result = try bracket.time({ try backend.measure(layer: layer, harness: harness, counters: counters) },
                                          readings: &readings)
            let waited = Double(MonotonicClock.nanoseconds() - start) / 1e9
            if result.reference! <= usual * (1 + maxSlowdown) || waited >= maxWaitSeconds {
                return result
            }
            usleep(250_000)
            readings.latest = nil
        }
    }
}

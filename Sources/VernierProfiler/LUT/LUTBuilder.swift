import Foundation
import VernierModel
import VernierStore

/// Measures every layer config of a list that the store does not have yet, committing each entry
/// as soon as it is measured: a killed run resumes where it stopped, and concurrent runs on the
/// same database claim keys so that nothing is measured twice.
public struct LUTBuilder: Sendable {
    /// Where entries go.
    public let store: Store
    /// Device the entries belong to.
    public let deviceID: String
    /// How layers are timed.
    public let backend: any Backend
    /// Timing rules.
    public let harness: Harness
    /// Counter events to read (empty: none).
    public let counterEvents: [String]

    /// Creates a builder.
    public init(store: Store, deviceID: String, backend: any Backend, harness: Harness,
                counterEvents: [String] = CounterGroup.defaultEvents) {
        self.store = store
        self.deviceID = deviceID
        self.backend = backend
        self.harness = harness
        self.counterEvents = counterEvents
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

    /// Measures the missing entries of `layers` (deduplicated by key).
    /// - Parameter progress: called after each layer with the running report.
    public func build(layers: [LayerConfig], progress: (LUTBuildReport, String) -> Void = { _, _ in }) throws -> LUTBuildReport {
        var unique: [String: LayerConfig] = [:]
        for layer in layers where unique[layer.key] == nil { unique[layer.key] = layer }
        let present = try store.lutKeys(device: deviceID, backend: backend.name)
        var report = LUTBuildReport(total: unique.count, alreadyPresent: unique.keys.filter(present.contains).count)
        let todo = unique.keys.filter { !present.contains($0) }.sorted()
        let counters = counterEvents.isEmpty ? nil : CounterGroup(events: counterEvents)
        let settingsJSON = try CompactJSON.text(harness.settings)
        let start = MonotonicClock.nanoseconds()
        let owner = Self.owner
        for key in todo {
            guard try store.claimLUTKey(device: deviceID, backend: backend.name, key: key, owner: owner,
                                        isAlive: Self.isAlive) else {
                report.takenByOthers += 1
                progress(report, key)
                continue
            }
            let layer = unique[key]!
            do {
                let m = try backend.measure(layer: layer, harness: harness, counters: counters)
                let record = LUTEntryRecord(
                    deviceId: deviceID, backend: backend.name, key: key, op: layer.op.rawValue, medianMs: m.stats.median,
                    madMs: m.stats.mad, meanMs: m.stats.mean, stdMs: m.stats.std, cv: m.stats.cv,
                    repetitions: m.stats.count, innerIterations: m.innerIterations,
                    counters: try CompactJSON.text(m.counters), settings: settingsJSON)
                if try store.commitLUTEntry(record) { report.measured += 1 } else { report.takenByOthers += 1 }
                if m.stats.cv <= harness.settings.cvThreshold { report.withinCV += 1 }
            } catch {
                try? store.releaseLUTClaim(device: deviceID, backend: backend.name, key: key)
                report.failed.append(LUTBuildReport.Failure(key: key, error: "\(error)"))
            }
            report.seconds = Double(MonotonicClock.nanoseconds() - start) / 1e9
            progress(report, key)
        }
        report.seconds = Double(MonotonicClock.nanoseconds() - start) / 1e9
        return report
    }
}

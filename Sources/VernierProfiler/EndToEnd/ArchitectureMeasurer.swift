import Foundation
import VernierModel

/// Measures whole architectures end to end (one forward pass per call) with the same harness
/// rules as the LUT, committing each result at once: resumable after a kill, and concurrent runs
/// on one database claim archs so that none is measured twice.
///
/// Shared machines drift: the same arch measured a few minutes apart can differ by 20–30% while
/// its ratio to another arch stays within a few percent. So every arch is timed interleaved with
/// the space's reference arch (all first choices), and stored as that ratio times the reference's
/// own stored latency (measured once, first, per device, space and resolution). Every stored
/// latency of a space is therefore on one time base, whenever it was measured. Given the device's
/// layer ``TimeBase``, the reference arch's own latency is put on that base too (the fastest of
/// three timings, each bracketed by the reference layer), so that stored arch latencies and LUT
/// entries are ms at the same machine speed and a raw LUT sum can be compared with them.
public struct ArchitectureMeasurer: Sendable {
    /// Where results go.
    public let store: any ArchMeasurementSink
    /// Device the results belong to.
    public let deviceID: String
    /// How architectures are run.
    public let backend: any Backend
    /// Timing rules.
    public let harness: Harness
    /// The device's layer time base for this backend and thread count; `nil` stores the reference
    /// arch's latency absolutely.
    public let timeBase: TimeBase?

    /// Creates a measurer.
    public init(store: any ArchMeasurementSink, deviceID: String, backend: any Backend, harness: Harness, timeBase: TimeBase? = nil) {
        self.store = store
        self.deviceID = deviceID
        self.backend = backend
        self.harness = harness
        self.timeBase = timeBase
    }

    /// Measures the architectures of `encodings` that are not stored yet.
    /// - Parameter progress: called after each arch with the running report and the arch.
    public func measure(space: any SearchSpace, encodings: [Encoding], resolution: Int,
                        progress: (LUTBuildReport, String) -> Void = { _, _ in }) throws -> LUTBuildReport {
        var texts: [String] = []
        var seen = Set<String>()
        for encoding in encodings {
            let text = space.format(encoding)
            if seen.insert(text).inserted { texts.append(text) }
        }
        let settingsJSON = try CompactJSON.text(harness.settings)
        let owner = LUTBuilder.owner
        let start = MonotonicClock.nanoseconds()
        let referenceEncoding = Encoding([UInt8](repeating: 0, count: space.decisions.count))
        let referenceText = space.format(referenceEncoding)
        let reference = space.architecture(referenceEncoding, resolution: resolution)
        let referenceMs = try referenceLatency(space: space, text: referenceText, architecture: reference,
                                               resolution: resolution, settingsJSON: settingsJSON)
        let present = Set(try store.archMeasurements(device: deviceID, backend: backend.name, space: space.name,
                                                     resolution: resolution).map(\.arch))
        var report = LUTBuildReport(total: texts.count, alreadyPresent: texts.filter(present.contains).count)
        for text in texts where !present.contains(text) {
            guard try store.claimArch(device: deviceID, backend: backend.name, space: space.name, resolution: resolution,
                                      arch: text, owner: owner, isAlive: LUTBuilder.isAlive) else {
                report.takenByOthers += 1
                progress(report, text)
                continue
            }
            do {
                let architecture = try space.architecture(text, resolution: resolution)
                let (m, referenceNow) = try backend.measure(architecture: architecture, relativeTo: reference, harness: harness)
                let context = try CompactJSON.text(MeasurementSettings(timing: harness.settings, reference: referenceText,
                                                                    referenceStoredMs: referenceMs, referenceNowMs: referenceNow))
                let stored = record(space: space, resolution: resolution, arch: text, measurement: m, scale: referenceMs,
                                    settings: context)
                if try store.commitArchMeasurement(stored) { report.measured += 1 } else { report.takenByOthers += 1 }
                if m.stats.cv <= harness.settings.cvThreshold { report.withinCV += 1 }
            } catch {
                try? store.releaseArchClaim(device: deviceID, backend: backend.name, space: space.name,
                                            resolution: resolution, arch: text)
                report.failed.append(LUTBuildReport.Failure(key: text, error: "\(error)"))
            }
            report.seconds = Double(MonotonicClock.nanoseconds() - start) / 1e9
            progress(report, text)
        }
        report.seconds = Double(MonotonicClock.nanoseconds() - start) / 1e9
        return report
    }

    /// The stored latency of the reference arch, measured (with 3× the samples; on the time base
    /// when there is one, else absolute) and stored first if this device, space and resolution
    /// have none yet.
    func referenceLatency(space: any SearchSpace, text: String, architecture: Architecture, resolution: Int,
                          settingsJSON: String) throws -> Double {
        let stored = try store.archMeasurements(device: deviceID, backend: backend.name, space: space.name, resolution: resolution)
        if let record = stored.first(where: { $0.arch == text }) { return record.stats.medianMs }
        var settings = harness.settings
        settings.repetitions *= 3
        let long = Harness(settings: settings)
        let measured: ArchMeasurementRecord
        if let timeBase {
            let bracket = ReferenceBracket(timeBase: timeBase, backend: backend, harness: harness,
                                           maxReferenceShift: LUTBuilder.defaultMaxReferenceShift)
            var readings = ReferenceReadings()
            let chosen = try FastestReading.of(3, spacingSeconds: 0.5, ms: \.ms) {
                readings.latest = nil  // each timing opens its bracket afresh after the pause
                return try bracket.time({ try backend.measure(architecture: architecture, harness: long, counters: nil) },
                                        readings: &readings)
            }
            let context = try CompactJSON.text(MeasurementSettings(
                timing: settings, reference: timeBase.referenceKey, referenceStoredMs: timeBase.referenceMs,
                referenceNowMs: chosen.reference!, rawMedianMs: chosen.measurement.stats.median))
            measured = record(space: space, resolution: resolution, arch: text, measurement: chosen.measurement,
                              scale: chosen.scale, settings: context)
        } else {
            let m = try backend.measure(architecture: architecture, harness: long, counters: nil)
            measured = record(space: space, resolution: resolution, arch: text, measurement: m, scale: 1, settings: settingsJSON)
        }
        if try store.commitArchMeasurement(measured) { return measured.stats.medianMs }
        // Another run stored the reference first: use its value, so all stored latencies share one base.
        return try store.archMeasurements(device: deviceID, backend: backend.name, space: space.name, resolution: resolution)
            .first { $0.arch == text }!.stats.medianMs
    }

    /// The stored form of a measurement whose statistics are multiplied by `scale` (1 for
    /// absolute ms, the reference's ms for ratios); the CV is scale-free.
    func record(space: any SearchSpace, resolution: Int, arch: String, measurement m: Measurement, scale: Double,
                settings: String) -> ArchMeasurementRecord {
        ArchMeasurementRecord(deviceId: deviceID, backend: backend.name, space: space.name, resolution: resolution, arch: arch,
                              stats: m.latencyStats(scaledBy: scale), settings: settings)
    }
}

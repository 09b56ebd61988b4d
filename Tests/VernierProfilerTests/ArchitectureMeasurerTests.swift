import Foundation
import Testing
import VernierKit
import VernierModel
import VernierStore
@testable import VernierProfiler

/// End-to-end measurement: archs are stored as their ratio to the space's reference arch times
/// the reference's stored latency, which is absolute or — given the device's layer time base —
/// on that base.
@Suite struct ArchitectureMeasurerTests {
    static let harness = Harness(settings: TimingSettings(warmupCalls: 1, warmupMs: 0, minSampleMs: 0.3, repetitions: 5))

    static func store() throws -> Store {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("vernier-arch-\(UUID().uuidString).sqlite").path
        let store = try SQLiteStore(path: path)
        try store.saveDevice(id: "dev", profileJSON: "{}")
        return store
    }

    @Test func referenceArchIsOnTheLayerTimeBaseWhenGivenOne() throws {
        let space = NB201Space()
        let encodings = space.sampleDistinct(count: 3, seed: 7)
        // Synthetic timings: what is checked is the scaling onto the base, not a machine's speed.
        let backend = SyntheticBackend()
        let reference = space.format(Encoding([UInt8](repeating: 0, count: space.decisions.count)))

        let absoluteStore = try Self.store()
        let absolute = ArchitectureMeasurer(store: StoreSink(absoluteStore), deviceID: "dev", backend: backend, harness: Self.harness)
        let plain = try absolute.measure(space: space, encodings: encodings, resolution: 16)
        #expect(plain.failed.isEmpty && plain.measured == 3)
        let absoluteRows = try absoluteStore.archMeasurements(device: "dev", backend: "native", space: "nb201", resolution: 16)
        let absoluteReference = try #require(absoluteRows.first { $0.arch == reference })
        #expect(!absoluteReference.settings.contains("referenceStoredMs"))

        // A base 1000× the reference layer's real latency: the reference arch comes out about
        // 1000× its absolute latency, and every other arch is scaled with it.
        let measuredBase = try LUTBuilder.measureTimeBase(backend: backend, harness: Self.harness, readings: 3, spacingSeconds: 0)
        var inflated = measuredBase
        inflated.referenceMs *= 1000
        let baseStore = try Self.store()
        let onBase = ArchitectureMeasurer(store: StoreSink(baseStore), deviceID: "dev", backend: backend, harness: Self.harness,
                                          timeBase: inflated)
        let report = try onBase.measure(space: space, encodings: encodings, resolution: 16)
        #expect(report.failed.isEmpty && report.measured == 3)
        let rows = try baseStore.archMeasurements(device: "dev", backend: "native", space: "nb201", resolution: 16)
        let stored = try #require(rows.first { $0.arch == reference })
        // Exactly: stored = raw median × base ÷ the reference layer's reading around it.
        let settings = try #require(try JSONSerialization.jsonObject(with: Data(stored.settings.utf8)) as? [String: Any])
        let raw = try #require(settings["rawMedianMs"] as? Double)
        let now = try #require(settings["referenceNowMs"] as? Double)
        let base = try #require(settings["referenceStoredMs"] as? Double)
        #expect(abs(base / inflated.referenceMs - 1) < 1e-12)  // JSONSerialization may not round-trip the last bit
        #expect(abs(stored.stats.medianMs / (raw * inflated.referenceMs / now) - 1) < 1e-9)
        // With repeatable timings the inflation carries over exactly: 1000× for every arch.
        let factor = stored.stats.medianMs / absoluteReference.stats.medianMs
        #expect(abs(factor / 1000 - 1) < 1e-9, "reference arch: \(stored.stats.medianMs) vs \(absoluteReference.stats.medianMs) absolute")
        for row in rows where row.arch != reference {
            let absolute = try #require(absoluteRows.first { $0.arch == row.arch })
            #expect(abs(row.stats.medianMs / absolute.stats.medianMs / 1000 - 1) < 1e-9)
        }
    }
}

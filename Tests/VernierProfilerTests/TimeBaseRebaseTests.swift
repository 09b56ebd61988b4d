import Foundation
import Testing
import VernierKit
import VernierModel
import VernierStore
@testable import VernierProfiler

/// A time base measured while the machine was busy is found out and moved, with every entry on it.
@Suite struct TimeBaseRebaseTests {
    /// The incident of #21: an agent measured its base on a loaded machine (2.1× the real
    /// reference latency), so every entry it stored was 2.1× too slow. The build's reference
    /// brackets show the reference running at its real speed; moving the base there brings every
    /// entry back to the layer's real latency, and the base's history says it moved.
    @Test func aBaseMeasuredWhileBusyIsMovedAndItsEntriesRescaled() throws {
        let store = try SQLiteStore(path: LUTBuilderTests.temporaryPath())
        try store.saveDevice(id: "dev", profileJSON: "{}")
        let backend = SyntheticBackend()
        let harness = Harness(settings: TimingSettings(warmupCalls: 1, warmupMs: 0, minSampleMs: 0.3, repetitions: 5))
        let referenceMs = SyntheticBackend.milliseconds(LUTBuilder.referenceLayer)
        let busy = TimeBase(backend: "native", threads: 1, referenceKey: LUTBuilder.referenceLayer.key,
                            referenceMs: referenceMs * 2.1, cv: 0, measuredAt: "2026-12-03T00:00:00Z")
        let layers = Array(NB201Space().distinctLayers(resolution: 16).prefix(10))
        let builder = LUTBuilder(store: StoreSink(store), deviceID: "dev", backend: backend, harness: harness, counterEvents: [],
                                 timeBase: busy, passes: 1)
        // An entry of another base (absolute) must not move.
        let absolute = LUTEntryRecord(deviceId: "dev", backend: "native", key: "absolute-entry", op: "conv", stats: LatencyStats(single: 3))
        try store.replaceLUTEntries([absolute])
        let report = try builder.build(layers: layers)
        #expect(report.measured == layers.count)
        let fastest = try #require(report.fastestReferenceMs, "a build with enough brackets reports its fastest reference")
        #expect(abs(fastest / referenceMs - 1) < 1e-9)
        let inflated = try store.lutEntries(device: "dev", backend: "native").filter { $0.key != "absolute-entry" }
        for entry in inflated {
            let layer = try #require(layers.first { $0.key == entry.key })
            #expect(abs(entry.stats.medianMs / (2.1 * SyntheticBackend.milliseconds(layer)) - 1) < 1e-9, "before: 2.1× too slow")
        }
        let faster = try #require(TimeBaseRebase.fasterReference(fastest, than: busy))
        #expect(TimeBaseRebase.fasterReference(referenceMs * 2.05, than: busy) == nil, "within the threshold the base stands")
        let count = try TimeBaseRebase.apply(store: store, device: "dev", from: busy, toMs: faster)
        #expect(count == layers.count)
        for entry in try store.lutEntries(device: "dev", backend: "native") {
            if entry.key == "absolute-entry" {
                #expect(entry.stats.medianMs == 3)
                continue
            }
            let layer = try #require(layers.first { $0.key == entry.key })
            #expect(abs(entry.stats.medianMs / SyntheticBackend.milliseconds(layer) - 1) < 1e-9, "after: the real latency")
            let settings = try JSONDecoder().decode(MeasurementSettings.self, from: Data(entry.settings.utf8))
            #expect(settings.referenceStoredMs == faster)
        }
        let moved = TimeBaseRebase.moved(busy, toMs: faster, reason: "test", rescaledEntries: count)
        #expect(moved.referenceMs == faster && moved.moves?.count == 1 && abs((moved.moves?.first?.factor ?? 0) - 1 / 2.1) < 1e-9)
        // Applying the old base again finds nothing on it: a move is never applied twice.
        #expect(try TimeBaseRebase.apply(store: store, device: "dev", from: busy, toMs: faster) == 0)
    }

    /// End-to-end measurements hang on the base through the reference arch: they move with it.
    @Test func endToEndMeasurementsMoveWithTheBase() throws {
        let store = try ArchitectureMeasurerTests.store()
        let space = NB201Space()
        let referenceMs = SyntheticBackend.milliseconds(LUTBuilder.referenceLayer)
        let busy = TimeBase(backend: "native", threads: 1, referenceKey: LUTBuilder.referenceLayer.key,
                            referenceMs: referenceMs * 2.1, cv: 0, measuredAt: "2026-12-03T00:00:00Z")
        let measurer = ArchitectureMeasurer(store: StoreSink(store), deviceID: "dev", backend: SyntheticBackend(),
                                            harness: ArchitectureMeasurerTests.harness, timeBase: busy)
        let encodings = space.sampleDistinct(count: 4, seed: 3)
        let report = try measurer.measure(space: space, encodings: encodings, resolution: 16)
        #expect(report.failed.isEmpty)
        let before = try store.archMeasurements(device: "dev", backend: "native")
        #expect(before.count >= 4)
        let count = try TimeBaseRebase.apply(store: store, device: "dev", from: busy, toMs: referenceMs)
        #expect(count == before.count)
        for record in try store.archMeasurements(device: "dev", backend: "native") {
            let truth = SyntheticBackend.milliseconds(try space.architecture(record.arch, resolution: 16))
            #expect(abs(record.stats.medianMs / truth - 1) < 1e-6, "\(record.arch): \(record.stats.medianMs) vs \(truth)")
        }
        #expect(try TimeBaseRebase.apply(store: store, device: "dev", from: busy, toMs: referenceMs) == 0)
    }

    /// A server holding entries on the old base follows a re-registered profile whose base moved.
    @Test func aReRegisteredProfileCarriesTheServersEntriesAlong() throws {
        let store = try SQLiteStore(path: LUTBuilderTests.temporaryPath())
        try store.saveDevice(id: "pi5", profileJSON: "{}")
        let base = TimeBase(backend: "native", threads: 2, referenceKey: LUTBuilder.referenceLayer.key, referenceMs: 2, cv: 0, measuredAt: "x")
        let settings = MeasurementSettings(timing: TimingSettings(threads: 2), reference: base.referenceKey, referenceStoredMs: 2,
                                           referenceNowMs: 1, rawMedianMs: 5)
        let text = String(decoding: try JSONEncoder().encode(settings), as: UTF8.self)
        let entry = LUTEntryRecord(deviceId: "pi5", backend: "native", key: "k", op: "conv", stats: LatencyStats(single: 10), settings: text)
        try store.replaceLUTEntries([entry])
        var old = DeviceProfile.imported(id: "pi5", from: "test")
        old.setTimeBase(base)
        var new = old
        new.setTimeBase(TimeBaseRebase.moved(base, toMs: 1, reason: "test", rescaledEntries: 0))
        #expect(try TimeBaseRebase.follow(store: store, device: "pi5", stored: old, incoming: new) == 1)
        #expect(try store.lutEntries(device: "pi5", backend: "native").first?.stats.medianMs == 5)
        #expect(try TimeBaseRebase.follow(store: store, device: "pi5", stored: new, incoming: new) == 0)
    }
}

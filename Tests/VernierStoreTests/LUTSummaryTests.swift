import Foundation
import Testing
import VernierModel
import VernierStore

/// `lutSummaries`: one row per device and backend, with its count, sources and first and last
/// measured times, filtered by device when asked.
@Suite struct LUTSummaryTests {
    func entry(_ key: String, device: String, backend: String, source: String = "measured", at seconds: TimeInterval) -> LUTEntryRecord {
        LUTEntryRecord(deviceId: device, backend: backend, key: key, op: "conv",
                       stats: LatencyStats(medianMs: 1, madMs: 0.01, meanMs: 1, stdMs: 0.02, cv: 0.02, repetitions: 10,
                                           innerIterations: 3),
                       source: source, measuredAt: Date(timeIntervalSince1970: seconds))
    }

    @Test func summariesGroupEntriesByDeviceAndBackend() throws {
        let store = try SQLiteStore(path: StoreTests.temporaryPath())
        #expect(try store.lutSummaries().isEmpty)
        for id in ["a", "b", "c"] { try store.saveDevice(id: id, profileJSON: "{}") }
        try store.replaceLUTEntries([
            entry("k1", device: "a", backend: "native", at: 1_700_000_300),
            entry("k2", device: "a", backend: "native", at: 1_700_000_100),
            entry("k3", device: "a", backend: "native", source: "imported:vernier", at: 1_700_000_200),
            entry("k1", device: "a", backend: "runner:ort", at: 1_700_000_400),
            entry("k1", device: "b", backend: "native", at: 1_700_000_500),
        ])
        let all = try store.lutSummaries()
        #expect(all.map { "\($0.deviceId)/\($0.backend)" } == ["a/native", "a/runner:ort", "b/native"])
        let native = try #require(all.first)
        #expect(native.entries == 3)
        #expect(native.sources == ["imported:vernier", "measured"])
        #expect(abs(native.firstMeasuredAt.timeIntervalSince1970 - 1_700_000_100) < 0.01)
        #expect(abs(native.lastMeasuredAt.timeIntervalSince1970 - 1_700_000_300) < 0.01)
        #expect(all[1].entries == 1 && all[1].sources == ["measured"])

        let onlyB = try store.lutSummaries(device: "b")
        #expect(onlyB.count == 1 && onlyB.first?.deviceId == "b" && onlyB.first?.entries == 1)
        #expect(try store.lutSummaries(device: "c").isEmpty, "a device without entries has no summary")
        #expect(try store.lutSummaries(device: "nope").isEmpty)
    }
}

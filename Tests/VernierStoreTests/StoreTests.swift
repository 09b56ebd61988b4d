import Foundation
import Testing
@testable import VernierStore
import VernierModel

@Suite struct StoreTests {
    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("vernier-test-\(UUID().uuidString).sqlite").path
    }

    func entry(_ key: String, device: String = "dev") -> LUTEntryRecord {
        LUTEntryRecord(deviceId: device, backend: "native", key: key, op: "conv",
                       stats: LatencyStats(medianMs: 1, madMs: 0.01, meanMs: 1, stdMs: 0.02, cv: 0.02, repetitions: 10,
                                           innerIterations: 3))
    }

    @Test func devicesRoundTrip() throws {
        let store = try SQLiteStore(path: Self.temporaryPath())
        try store.saveDevice(id: "dev", profileJSON: "{\"id\":\"dev\"}")
        try store.saveDevice(id: "dev", profileJSON: "{\"id\":\"dev\",\"v\":2}")
        #expect(try store.devices().count == 1)
        #expect(try store.device(id: "dev")?.profile == "{\"id\":\"dev\",\"v\":2}")
        #expect(try store.device(id: "nope") == nil)
    }

    @Test func claimsPreventDoubleMeasurement() throws {
        let store = try SQLiteStore(path: Self.temporaryPath())
        try store.saveDevice(id: "dev", profileJSON: "{}")
        #expect(try store.claimLUTKey(device: "dev", backend: "native", key: "a", owner: "h:1", isAlive: { _ in true }))
        // A second live process must not take the key.
        #expect(try !store.claimLUTKey(device: "dev", backend: "native", key: "a", owner: "h:2", isAlive: { _ in true }))
        // A dead owner's claim is taken over.
        #expect(try store.claimLUTKey(device: "dev", backend: "native", key: "a", owner: "h:2", isAlive: { _ in false }))
        #expect(try store.commitLUTEntry(entry("a")))
        #expect(try !store.commitLUTEntry(entry("a")))
        // Once stored, nobody claims it again.
        #expect(try !store.claimLUTKey(device: "dev", backend: "native", key: "a", owner: "h:3", isAlive: { _ in false }))
        #expect(try store.lutKeys(device: "dev", backend: "native") == ["a"])
    }

    @Test func entriesNeedAKnownDeviceAndFailuresKeepData() throws {
        let store = try SQLiteStore(path: Self.temporaryPath())
        try store.saveDevice(id: "dev", profileJSON: "{}")
        try store.replaceLUTEntries([entry("a"), entry("b")])
        #expect(throws: StoreError.self) { try store.replaceLUTEntries([entry("c"), entry("d", device: "ghost")]) }
        // The failed import was all-or-nothing.
        #expect(try store.lutKeys(device: "dev", backend: "native") == ["a", "b"])
    }

    @Test func foreignFileIsRejected() throws {
        let path = Self.temporaryPath()
        try Data("this is not sqlite".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: StoreError.self) { try SQLiteStore(path: path) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "this is not sqlite")
    }
}

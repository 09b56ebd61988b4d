import Foundation
import GRDB
import Testing
@testable import VernierStore
import VernierModel

@Suite struct ServiceStoreTests {
    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("vernier-test-\(UUID().uuidString).sqlite").path
    }

    static let t0 = Date(timeIntervalSince1970: 1_700_000_000)

    func entry(_ key: String, medianMs: Double = 1) -> LUTEntryRecord {
        LUTEntryRecord(deviceId: "dev", backend: "native", key: key, op: "conv",
                       stats: LatencyStats(medianMs: medianMs, madMs: 0.01, meanMs: medianMs, stdMs: 0.02, cv: 0.02,
                                           repetitions: 10, innerIterations: 3))
    }

    func measurement(_ arch: String, medianMs: Double = 1) -> ArchMeasurementRecord {
        ArchMeasurementRecord(deviceId: "dev", backend: "native", space: "s", resolution: 224, arch: arch,
                              stats: LatencyStats(medianMs: medianMs, madMs: 0.01, meanMs: medianMs, stdMs: 0.02, cv: 0.02,
                                                  repetitions: 10, innerIterations: 1),
                              settings: "{}")
    }

    /// The code of the ``StoreError`` `body` throws, or `nil` when it throws nothing or something else.
    func storeErrorCode(_ body: () throws -> Void) -> StoreError.Code? {
        do { try body() } catch let error as StoreError { return error.code } catch { return nil }
        return nil
    }

    @Test func tokensCreateLookUpAndRevoke() throws {
        let path = Self.temporaryPath()
        let store = try SQLiteStore(path: path)
        let ci = try store.createToken(name: "ci", hash: "aaa", device: nil)
        // A database with tokens is readable by its owner only.
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(ci.id != nil)
        #expect(ci.revokedAt == nil)
        _ = try store.createToken(name: "agent", hash: "bbb", device: "dev")
        #expect(try store.token(hash: "bbb")?.name == "agent")
        #expect(try store.token(hash: "bbb")?.device == "dev")
        #expect(try store.token(hash: "aaa")?.id == ci.id)
        #expect(try store.token(hash: "zzz") == nil)
        let duplicate = storeErrorCode { _ = try store.createToken(name: "ci", hash: "ccc", device: nil) }
        #expect(duplicate == StoreError.Code.conflict)
        #expect(try store.tokens().map(\.name) == ["agent", "ci"])

        #expect(try store.revokeToken(name: "ci"))
        let revokedAt = try #require(try store.token(hash: "aaa")?.revokedAt)
        // Revoking again keeps the first time; an unknown name is reported.
        #expect(try store.revokeToken(name: "ci"))
        #expect(try store.token(hash: "aaa")?.revokedAt == revokedAt)
        #expect(try !store.revokeToken(name: "nope"))
        #expect(try store.token(hash: "bbb")?.revokedAt == nil)
        // A revoked token's name stays taken.
        let reused = storeErrorCode { _ = try store.createToken(name: "ci", hash: "ddd", device: nil) }
        #expect(reused == StoreError.Code.conflict)
        #expect(try store.tokens().count == 2)
    }

    @Test func leasesGoOldestFirstPerDevice() throws {
        let store = try SQLiteStore(path: Self.temporaryPath())
        let t0 = Self.t0
        let a1 = try store.enqueueJob(device: "A", kind: .profile, space: "s", parameters: "{}", now: t0)
        let a2 = try store.enqueueJob(device: "A", kind: .measure, space: "s", parameters: "{\"n\":1}", now: t0 + 1)
        let b1 = try store.enqueueJob(device: "B", kind: .profile, space: "s", parameters: "{}", now: t0 + 2)
        #expect(a1.state == .queued && a1.attempts == 0 && a1.stored == 0)
        #expect(try store.job(id: a2.id)?.parameters == "{\"n\":1}")
        #expect(try store.job(id: "nope") == nil)
        #expect(try store.jobs().map(\.id) == [a1.id, a2.id, b1.id])
        #expect(try store.jobs(device: "A").map(\.id) == [a1.id, a2.id])

        let first = try #require(try store.leaseJob(device: "A", owner: "agent-1", ttl: 60, now: t0 + 10))
        #expect(first.id == a1.id)
        #expect(first.state == .leased && first.leaseOwner == "agent-1" && first.attempts == 1)
        let expires = try #require(try store.job(id: a1.id)?.leaseExpiresAt)
        #expect(abs(expires.timeIntervalSince(t0 + 70)) < 0.001)
        #expect(try store.leaseJob(device: "A", owner: "agent-2", ttl: 60, now: t0 + 10)?.id == a2.id)
        #expect(try store.leaseJob(device: "A", owner: "agent-3", ttl: 60, now: t0 + 10) == nil)
        #expect(try store.leaseJob(device: "B", owner: "agent-b", ttl: 60, now: t0 + 10)?.id == b1.id)
        #expect(try store.leaseJob(device: "B", owner: "agent-b", ttl: 60, now: t0 + 10) == nil)
        #expect(try store.jobs(state: .leased).count == 3)
        #expect(try store.jobCounts() == [.queued: 0, .leased: 3, .done: 0, .failed: 0])
    }

    @Test func expiredLeasesAreTakenOverAndReturnedOnesRequeued() throws {
        let store = try SQLiteStore(path: Self.temporaryPath())
        let t0 = Self.t0
        let a1 = try store.enqueueJob(device: "A", kind: .profile, space: "s", parameters: "{}", now: t0)
        let a2 = try store.enqueueJob(device: "A", kind: .profile, space: "s", parameters: "{}", now: t0 + 1)
        #expect(try store.leaseJob(device: "A", owner: "agent-1", ttl: 60, now: t0)?.id == a1.id)
        #expect(try store.leaseJob(device: "A", owner: "agent-2", ttl: 60, now: t0)?.id == a2.id)
        // A heartbeat extends the lease, so the job is not free at t0 + 80.
        #expect(try store.heartbeatJob(id: a1.id, owner: "agent-1", ttl: 60, now: t0 + 30)?.leaseExpiresAt == t0 + 90)
        #expect(try store.heartbeatJob(id: a1.id, owner: "agent-2", ttl: 60, now: t0 + 30) == nil)
        #expect(try store.leaseJob(device: "A", owner: "agent-3", ttl: 60, now: t0 + 50) == nil)

        // agent-1 died: at t0 + 100 its lease has expired and agent-3 takes the job over.
        let taken = try #require(try store.leaseJob(device: "A", owner: "agent-3", ttl: 60, now: t0 + 100))
        #expect(taken.id == a1.id)
        #expect(taken.attempts == 2 && taken.leaseOwner == "agent-3")
        #expect(try store.heartbeatJob(id: a1.id, owner: "agent-1", ttl: 60, now: t0 + 101) == nil)
        #expect(try !store.finishJob(id: a1.id, owner: "agent-1", failed: false, error: nil, now: t0 + 101))
        #expect(try !store.returnJob(id: a1.id, owner: "agent-1", now: t0 + 101))

        // agent-2's lease expired too, but nobody took the job: its heartbeat still renews it.
        #expect(try store.heartbeatJob(id: a2.id, owner: "agent-2", ttl: 60, now: t0 + 102)?.leaseExpiresAt == t0 + 162)
        #expect(try store.returnJob(id: a2.id, owner: "agent-2", now: t0 + 103))
        let returned = try #require(try store.job(id: a2.id))
        #expect(returned.state == .queued && returned.leaseOwner == nil && returned.leaseExpiresAt == nil)
        #expect(try !store.returnJob(id: a2.id, owner: "agent-2", now: t0 + 104))
        #expect(try store.leaseJob(device: "A", owner: "agent-4", ttl: 60, now: t0 + 105)?.attempts == 2)

        #expect(try store.finishJob(id: a1.id, owner: "agent-3", failed: true, error: "boom", now: t0 + 110))
        let failed = try #require(try store.job(id: a1.id))
        #expect(failed.state == .failed && failed.error == "boom" && failed.leaseOwner == nil && failed.leaseExpiresAt == nil)
        #expect(try store.finishJob(id: a2.id, owner: "agent-4", failed: false, error: nil, now: t0 + 111))
        #expect(try store.job(id: a2.id)?.state == .done)
        #expect(try !store.finishJob(id: a2.id, owner: "agent-4", failed: false, error: nil, now: t0 + 112))
        #expect(try store.jobCounts() == [.queued: 0, .leased: 0, .done: 1, .failed: 1])
    }

    @Test func concurrentLeasesNeverShareAJob() async throws {
        let store = try SQLiteStore(path: Self.temporaryPath())
        for index in 0..<20 {
            _ = try store.enqueueJob(device: "C", kind: .profile, space: "s", parameters: "{}", now: Self.t0 + Double(index))
        }
        let leased = try await withThrowingTaskGroup(of: String?.self) { group in
            for index in 0..<40 {
                group.addTask { try store.leaseJob(device: "C", owner: "agent-\(index)", ttl: 600)?.id }
            }
            var ids: [String] = []
            for try await id in group { if let id { ids.append(id) } }
            return ids
        }
        #expect(leased.count == 20)
        #expect(Set(leased).count == 20)
        #expect(try store.jobCounts()[.leased] == 20)
        #expect(try store.jobs().map(\.attempts) == Array(repeating: 1, count: 20))
    }

    @Test func lutBatchesAreStoredOnce() throws {
        let store = try SQLiteStore(path: Self.temporaryPath())
        try store.saveDevice(id: "dev", profileJSON: "{}")
        let job = try store.enqueueJob(device: "dev", kind: .profile, space: "s", parameters: "{}")
        #expect(try store.claimLUTKey(device: "dev", backend: "native", key: "a", owner: "h:1", isAlive: { _ in true }))
        #expect(try store.claimLUTKey(device: "dev", backend: "native", key: "z", owner: "h:1", isAlive: { _ in true }))

        let first = try store.storeJobLUTEntries(jobId: job.id, batchId: "b1", entries: [entry("a"), entry("b")])
        #expect(!first.duplicate && first.stored == 2)
        let again = try store.storeJobLUTEntries(jobId: job.id, batchId: "b1", entries: [entry("a"), entry("b")])
        #expect(again.duplicate && again.stored == 2)
        #expect(try store.lutKeys(device: "dev", backend: "native") == ["a", "b"])
        #expect(try store.job(id: job.id)?.stored == 2)
        // The stored key's claim is released; the others stay.
        #expect(try store.read { db in try LUTClaimRecord.fetchAll(db).map(\.key) } == ["z"])

        // An overlapping key is skipped, never replaced.
        let second = try store.storeJobLUTEntries(jobId: job.id, batchId: "b2", entries: [entry("b", medianMs: 9), entry("c")])
        #expect(!second.duplicate && second.stored == 1)
        #expect(try store.lutKeys(device: "dev", backend: "native") == ["a", "b", "c"])
        #expect(try store.lutEntries(device: "dev", backend: "native", keys: ["b"]).map(\.stats.medianMs) == [1])
        #expect(try store.job(id: job.id)?.stored == 3)
        #expect(try store.read { db in try JobBatchRecord.fetchCount(db) } == 2)

        let missing = storeErrorCode { _ = try store.storeJobLUTEntries(jobId: "nope", batchId: "b1", entries: [entry("d")]) }
        #expect(missing == StoreError.Code.notFound)
        #expect(try store.lutKeys(device: "dev", backend: "native") == ["a", "b", "c"])
    }

    @Test func measurementBatchesAreStoredOnce() throws {
        let store = try SQLiteStore(path: Self.temporaryPath())
        try store.saveDevice(id: "dev", profileJSON: "{}")
        let job = try store.enqueueJob(device: "dev", kind: .measure, space: "s", parameters: "{}")
        let first = try store.storeJobMeasurements(jobId: job.id, batchId: "m1", measurements: [measurement("x"), measurement("y")])
        #expect(!first.duplicate && first.stored == 2)
        let again = try store.storeJobMeasurements(jobId: job.id, batchId: "m1", measurements: [measurement("x"), measurement("y")])
        #expect(again.duplicate && again.stored == 2)
        let second = try store.storeJobMeasurements(jobId: job.id, batchId: "m2",
                                                    measurements: [measurement("y", medianMs: 9), measurement("z")])
        #expect(!second.duplicate && second.stored == 1)
        let stored = try store.archMeasurements(device: "dev", backend: "native", space: "s", resolution: 224)
        #expect(stored.map(\.arch) == ["x", "y", "z"])
        #expect(stored.map(\.stats.medianMs) == [1, 1, 1])
        #expect(try store.job(id: job.id)?.stored == 3)
        let missing = storeErrorCode {
            _ = try store.storeJobMeasurements(jobId: "nope", batchId: "m1", measurements: [measurement("w")])
        }
        #expect(missing == StoreError.Code.notFound)
    }
}

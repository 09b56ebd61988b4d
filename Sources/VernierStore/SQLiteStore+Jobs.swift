import Foundation
import GRDB
import VernierModel

extension SQLiteStore {
    /// Queues a new job for the agent of `device`.
    /// - Parameters:
    ///   - kind: what the agent does.
    ///   - parameters: the job's parameters, a JSON object.
    /// - Returns: the stored job (a new UUID, `queued`, no attempts, nothing stored).
    public func enqueueJob(device: String, kind: JobKind, space: String, parameters: String,
                           now: Date = Date()) throws(StoreError) -> JobRecord {
        let job = JobRecord(id: UUID().uuidString, device: device, kind: kind, space: space, parameters: parameters,
                            state: .queued, attempts: 0, stored: 0, createdAt: now, updatedAt: now)
        try write { db in try job.insert(db) }
        return job
    }

    /// The job `id`, or `nil`.
    public func job(id: String) throws(StoreError) -> JobRecord? {
        try read { db in try JobRecord.fetchOne(db, key: id) }
    }

    /// Jobs, oldest first, optionally only those of `device` and in `state`.
    public func jobs(device: String? = nil, state: JobState? = nil) throws(StoreError) -> [JobRecord] {
        try read { db in
            var request = JobRecord.all()
            if let device { request = request.filter(Column("device") == device) }
            if let state { request = request.filter(Column("state") == state) }
            return try request.order(Column("createdAt"), Column.rowID).fetchAll(db)
        }
    }

    /// How many jobs are in each state; every state is present, zero when it has no job.
    public func jobCounts() throws(StoreError) -> [JobState: Int] {
        try read { db in
            var counts = Dictionary(uniqueKeysWithValues: JobState.allCases.map { ($0, 0) })
            for row in try Row.fetchAll(db, sql: "SELECT state, COUNT(*) AS n FROM job GROUP BY state") {
                let name: String = row["state"]
                let count: Int = row["n"]
                if let state = JobState(rawValue: name) { counts[state] = count }
            }
            return counts
        }
    }

    /// Leases the oldest job of `device` that is queued, or leased under an expired lease (its agent
    /// died), to `owner` until `now + ttl`, counting an attempt. One write transaction, so two
    /// concurrent callers never get the same job.
    /// - Returns: the leased job, or `nil` when there is none to run.
    public func leaseJob(device: String, owner: String, ttl: TimeInterval, now: Date = Date()) throws(StoreError) -> JobRecord? {
        try write { db in
            let available = Column("state") == JobState.queued
                || (Column("state") == JobState.leased && Column("leaseExpiresAt") < now)
            guard var job = try JobRecord.filter(Column("device") == device && available)
                .order(Column("createdAt"), Column.rowID).fetchOne(db) else { return nil }
            job.state = .leased
            job.leaseOwner = owner
            job.leaseExpiresAt = now.addingTimeInterval(ttl)
            job.attempts += 1
            job.updatedAt = now
            try job.update(db)
            return job
        }
    }

    /// Extends the lease of `owner` on job `id` to `now + ttl`. A lease that expired is still extended
    /// while nobody else has leased the job since.
    /// - Returns: the job, or `nil` when it is not (or no longer) leased by `owner`.
    public func heartbeatJob(id: String, owner: String, ttl: TimeInterval, now: Date = Date()) throws(StoreError) -> JobRecord? {
        try write { db in
            guard var job = try JobRecord.fetchOne(db, key: id), job.state == .leased, job.leaseOwner == owner else {
                return nil
            }
            job.leaseExpiresAt = now.addingTimeInterval(ttl)
            job.updatedAt = now
            try job.update(db)
            return job
        }
    }

    /// Gives a lease back (an agent shutting down): the job is queued again for another agent.
    /// - Returns: `false` when the job is not leased by `owner`.
    @discardableResult
    public func returnJob(id: String, owner: String, now: Date = Date()) throws(StoreError) -> Bool {
        try write { db in
            guard var job = try JobRecord.fetchOne(db, key: id), job.state == .leased, job.leaseOwner == owner else {
                return false
            }
            job.state = .queued
            job.leaseOwner = nil
            job.leaseExpiresAt = nil
            job.updatedAt = now
            try job.update(db)
            return true
        }
    }

    /// Ends a job leased by `owner`: `done`, or `failed` with `error`; the lease is cleared.
    /// - Returns: `false` when the job is not leased by `owner`.
    @discardableResult
    public func finishJob(id: String, owner: String, failed: Bool, error: String?, now: Date = Date()) throws(StoreError) -> Bool {
        try write { db in
            guard var job = try JobRecord.fetchOne(db, key: id), job.state == .leased, job.leaseOwner == owner else {
                return false
            }
            job.state = failed ? .failed : .done
            job.error = error
            job.leaseOwner = nil
            job.leaseExpiresAt = nil
            job.updatedAt = now
            try job.update(db)
            return true
        }
    }

    /// Stores a batch of LUT entries uploaded for job `jobId`, once: a batch id seen before stores
    /// nothing. An entry whose (device, backend, key) exists already is skipped, never replaced; the
    /// claim of each entry's key is released. One transaction. The caller checks the lease.
    /// - Returns: whether the batch was a duplicate, and how many entries it stored (for a duplicate,
    ///   how many it stored the first time).
    /// - Throws: ``StoreError`` with code `notFound` when there is no such job.
    public func storeJobLUTEntries(jobId: String, batchId: String, entries: [LUTEntryRecord],
                                   now: Date = Date()) throws(StoreError) -> (duplicate: Bool, stored: Int) {
        try storeJobBatch(jobId: jobId, batchId: batchId, count: entries.count, now: now) { db in
            var stored = 0
            for entry in entries {
                let key: [String: (any DatabaseValueConvertible)?] = ["deviceId": entry.deviceId, "backend": entry.backend,
                                                                      "key": entry.key]
                try LUTClaimRecord.deleteOne(db, key: key)
                if try LUTEntryRecord.exists(db, key: key) { continue }
                try entry.insert(db)
                stored += 1
            }
            return stored
        }
    }

    /// Stores a batch of end-to-end measurements uploaded for job `jobId`, once, like
    /// ``storeJobLUTEntries(jobId:batchId:entries:now:)``: existing measurements are skipped, never replaced.
    /// - Returns: whether the batch was a duplicate, and how many measurements it stored.
    /// - Throws: ``StoreError`` with code `notFound` when there is no such job.
    public func storeJobMeasurements(jobId: String, batchId: String, measurements: [ArchMeasurementRecord],
                                     now: Date = Date()) throws(StoreError) -> (duplicate: Bool, stored: Int) {
        try storeJobBatch(jobId: jobId, batchId: batchId, count: measurements.count, now: now) { db in
            var stored = 0
            for record in measurements {
                let claimKey = Self.archClaimKey(space: record.space, resolution: record.resolution, arch: record.arch)
                try LUTClaimRecord.deleteOne(db, key: ["deviceId": record.deviceId, "backend": record.backend, "key": claimKey])
                if try ArchMeasurementRecord.exists(db, key: ["deviceId": record.deviceId, "backend": record.backend,
                                                              "space": record.space, "resolution": record.resolution,
                                                              "arch": record.arch]) {
                    continue
                }
                try record.insert(db)
                stored += 1
            }
            return stored
        }
    }

    /// Runs `insert` (which returns how many results were new) for a batch not seen before, records the
    /// batch and adds to the job's stored count, in one transaction.
    func storeJobBatch(jobId: String, batchId: String, count: Int, now: Date,
                       insert: (Database) throws -> Int) throws(StoreError) -> (duplicate: Bool, stored: Int) {
        let missing = StoreError(.notFound, path: path, detail: "no job \(jobId)")
        return try write { db in
            guard var job = try JobRecord.fetchOne(db, key: jobId) else { throw missing }
            if let batch = try JobBatchRecord.fetchOne(db, key: ["jobId": jobId, "batchId": batchId]) {
                return (duplicate: true, stored: batch.stored)
            }
            let stored = try insert(db)
            try JobBatchRecord(jobId: jobId, batchId: batchId, entries: count, stored: stored, storedAt: now).insert(db)
            job.stored += stored
            job.updatedAt = now
            try job.update(db)
            return (duplicate: false, stored: stored)
        }
    }
}

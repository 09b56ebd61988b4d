import Foundation
import VernierModel

/// Vernier's store: devices and their profiles, LUT entries and claims, whole-arch measurements,
/// the agents' job queue, search runs, cached accuracies and API tokens. Everything above the
/// store module works against this interface; ``SQLiteStore`` (GRDB, one SQLite file in WAL mode)
/// is the implementation, and a second backend implements the same requirements.
///
/// Every method is one transaction: a failure stores nothing of its call. Errors are
/// ``StoreError``s naming the store and what failed.
public protocol Store: AnyObject, Sendable {
    /// Where the store lives (a file path, or a server address), for messages.
    var path: String { get }

    /// End-to-end measurements of a device, backend, space and resolution, by arch.
    func archMeasurements(device: String, backend: String, space: String,
        resolution: Int) throws(StoreError) -> [ArchMeasurementRecord]

    /// Claims an architecture for measuring unless it is stored already or a live process holds it.
    func claimArch(device: String, backend: String, space: String, resolution: Int, arch: String, owner: String,
        isAlive: (String) -> Bool) throws(StoreError) -> Bool


    @discardableResult
    func commitArchMeasurement(_ record: ArchMeasurementRecord) throws(StoreError) -> Bool

    /// Releases an architecture's claim without storing anything.
    func releaseArchClaim(device: String, backend: String, space: String, resolution: Int,
        arch: String) throws(StoreError)

    /// Every end-to-end measurement of a device on a backend, any space and resolution.
    func archMeasurements(device: String, backend: String) throws(StoreError) -> [ArchMeasurementRecord]

    /// Replaces stored end-to-end measurements by these (same keys), in one transaction.
    func replaceArchMeasurements(_ records: [ArchMeasurementRecord]) throws(StoreError)

    /// Which devices and backends have end-to-end latencies of `space` at `resolution`, and how many.
    func archMeasurementSets(space: String, resolution: Int) throws(StoreError) -> [(device: String, backend: String,
        count: Int)]

    /// Imports latencies of devices known only through them, in one transaction: each device's
    /// profile is saved and its earlier latencies for the same backend, space and resolution are
    /// replaced by `records`. A failure stores nothing.
    func importArchMeasurements(devices: [(id: String, profileJSON: String)],
        records: [ArchMeasurementRecord]) throws(StoreError)

    /// Inserts or replaces a device profile.
    func saveDevice(id: String, profileJSON: String) throws(StoreError)

    /// The device `id`, or `nil`.
    func device(id: String) throws(StoreError) -> DeviceRecord?

    /// Every device, by id.
    func devices() throws(StoreError) -> [DeviceRecord]

    /// Queues a new job for the agent of `device`.
    /// - Parameters:
    ///   - kind: what the agent does.
    ///   - parameters: the job's parameters, a JSON object.
    /// - Returns: the stored job (a new UUID, `queued`, no attempts, nothing stored).
    func enqueueJob(device: String, kind: JobKind, space: String, parameters: String,
        now: Date) throws(StoreError) -> JobRecord

    /// The job `id`, or `nil`.
    func job(id: String) throws(StoreError) -> JobRecord?

    /// Jobs, oldest first, optionally only those of `device` and in `state`.
    func jobs(device: String?, state: JobState?) throws(StoreError) -> [JobRecord]

    /// How many jobs are in each state; every state is present, zero when it has no job.
    func jobCounts() throws(StoreError) -> [JobState: Int]

    /// Leases the oldest job of `device` that is queued, or leased under an expired lease (its agent
    /// died), to `owner` until `now + ttl`, counting an attempt. One write transaction, so two
    /// concurrent callers never get the same job.
    /// - Returns: the leased job, or `nil` when there is none to run.
    func leaseJob(device: String, owner: String, ttl: TimeInterval, now: Date) throws(StoreError) -> JobRecord?

    /// Extends the lease of `owner` on job `id` to `now + ttl`. A lease that expired is still extended
    /// while nobody else has leased the job since.
    /// - Returns: the job, or `nil` when it is not (or no longer) leased by `owner`.
    func heartbeatJob(id: String, owner: String, ttl: TimeInterval, now: Date) throws(StoreError) -> JobRecord?


    @discardableResult
    func returnJob(id: String, owner: String, now: Date) throws(StoreError) -> Bool


    @discardableResult
    func finishJob(id: String, owner: String, failed: Bool, error: String?, now: Date) throws(StoreError) -> Bool

    /// Stores a batch of LUT entries uploaded for job `jobId`, once: a batch id seen before stores
    /// nothing. An entry whose (device, backend, key) exists already is skipped, never replaced; the
    /// claim of each entry's key is released. One transaction. The caller checks the lease.
    /// - Returns: whether the batch was a duplicate, and how many entries it stored (for a duplicate,
    ///   how many it stored the first time).
    /// - Throws: ``StoreError`` with code `notFound` when there is no such job.
    func storeJobLUTEntries(jobId: String, batchId: String, entries: [LUTEntryRecord],
        now: Date) throws(StoreError) -> (duplicate: Bool, stored: Int)

    /// Stores a batch of end-to-end measurements uploaded for job `jobId`, once, like
    /// ``storeJobLUTEntries(jobId:batchId:entries:now:)``: existing measurements are skipped, never replaced.
    /// - Returns: whether the batch was a duplicate, and how many measurements it stored.
    /// - Throws: ``StoreError`` with code `notFound` when there is no such job.
    func storeJobMeasurements(jobId: String, batchId: String, measurements: [ArchMeasurementRecord],
        now: Date) throws(StoreError) -> (duplicate: Bool, stored: Int)

    /// The keys already stored for a device and backend.
    func lutKeys(device: String, backend: String) throws(StoreError) -> Set<String>

    /// Entries of a device and backend, optionally only `keys`.
    func lutEntries(device: String, backend: String, keys: Set<String>?) throws(StoreError) -> [LUTEntryRecord]

    /// Layer key → median ms of a device's entries for `backend` (what a LUT sum reads).
    func lutTable(device: String, backend: String) throws(StoreError) -> [String: Double]

    /// The backends with entries for a device.
    func lutBackends(device: String) throws(StoreError) -> [String]

    /// One summary per device and backend with LUT entries (count, sources, first and last
    /// measured), by device then backend; only those of `device` when it is given.
    func lutSummaries(device: String?) throws(StoreError) -> [LUTSummaryRecord]

    /// Claims `key` for `owner` unless it is measured already or claimed by a live process.
    /// - Parameter isAlive: whether the owner of an existing claim still runs.
    /// - Returns: `true` when the caller now owns the key and should measure it.
    func claimLUTKey(device: String, backend: String, key: String, owner: String,
        isAlive: (String) -> Bool) throws(StoreError) -> Bool


    @discardableResult
    func commitLUTEntry(_ entry: LUTEntryRecord) throws(StoreError) -> Bool

    /// Releases a claim without storing anything (the measurement failed).
    func releaseLUTClaim(device: String, backend: String, key: String) throws(StoreError)

    /// Inserts or replaces many entries in one transaction (imports): all or nothing.
    func replaceLUTEntries(_ entries: [LUTEntryRecord]) throws(StoreError)


    @discardableResult
    func saveSearchRun(_ run: SearchRunRecord) throws(StoreError) -> Int64

    /// Stored searches, newest first, optionally of one space.
    func searchRuns(space: String?) throws(StoreError) -> [SearchRunRecord]

    /// The cached accuracy of `arch` under `estimator`, if any.
    func cachedAccuracy(estimator: String, space: String, arch: String) throws(StoreError) -> Double?

    /// Stores (or replaces) a cached accuracy.
    func storeAccuracy(_ accuracy: Double, estimator: String, space: String, arch: String) throws(StoreError)

    /// Stores a new token.
    /// - Parameters:
    ///   - name: unique name of the token.
    ///   - hash: hex SHA-256 of its secret (the secret itself is never stored).
    ///   - device: the device an agent token is limited to, or `nil`.
    /// - Throws: ``StoreError`` with code `conflict` when a token of that name (revoked or not) or of that
    ///   hash exists already.
    func createToken(name: String, hash: String, device: String?) throws(StoreError) -> TokenRecord

    /// The token whose secret hashes to `hash`, or `nil`. Revoked tokens are returned too: the caller
    /// checks ``TokenRecord/revokedAt``.
    func token(hash: String) throws(StoreError) -> TokenRecord?

    /// Every token, revoked ones included, by name.
    func tokens() throws(StoreError) -> [TokenRecord]


    @discardableResult
    func revokeToken(name: String) throws(StoreError) -> Bool
}

extension Store {
    /// Queues a job now.
    public func enqueueJob(device: String, kind: JobKind, space: String, parameters: String) throws(StoreError) -> JobRecord {
        try enqueueJob(device: device, kind: kind, space: space, parameters: parameters, now: Date())
    }

    /// Every job.
    public func jobs() throws(StoreError) -> [JobRecord] { try jobs(device: nil, state: nil) }

    /// The jobs of `device`.
    public func jobs(device: String?) throws(StoreError) -> [JobRecord] { try jobs(device: device, state: nil) }

    /// The jobs in `state`.
    public func jobs(state: JobState?) throws(StoreError) -> [JobRecord] { try jobs(device: nil, state: state) }

    /// Leases `device`'s oldest queued (or lapsed) job to `owner` for `ttl` seconds from now.
    public func leaseJob(device: String, owner: String, ttl: TimeInterval) throws(StoreError) -> JobRecord? {
        try leaseJob(device: device, owner: owner, ttl: ttl, now: Date())
    }

    /// Extends `owner`'s lease on job `id` by `ttl` seconds from now.
    public func heartbeatJob(id: String, owner: String, ttl: TimeInterval) throws(StoreError) -> JobRecord? {
        try heartbeatJob(id: id, owner: owner, ttl: ttl, now: Date())
    }

    /// Gives `owner`'s lease on job `id` back now.
    @discardableResult
    public func returnJob(id: String, owner: String) throws(StoreError) -> Bool { try returnJob(id: id, owner: owner, now: Date()) }

    /// Ends job `id` now, done or failed with `error`.
    @discardableResult
    public func finishJob(id: String, owner: String, failed: Bool, error: String?) throws(StoreError) -> Bool {
        try finishJob(id: id, owner: owner, failed: failed, error: error, now: Date())
    }

    /// Stores a batch of a job's LUT entries now (once per batch id).
    public func storeJobLUTEntries(jobId: String, batchId: String, entries: [LUTEntryRecord]) throws(StoreError)
        -> (duplicate: Bool, stored: Int) {
        try storeJobLUTEntries(jobId: jobId, batchId: batchId, entries: entries, now: Date())
    }

    /// Stores a batch of a job's arch measurements now (once per batch id).
    public func storeJobMeasurements(jobId: String, batchId: String, measurements: [ArchMeasurementRecord]) throws(StoreError)
        -> (duplicate: Bool, stored: Int) {
        try storeJobMeasurements(jobId: jobId, batchId: batchId, measurements: measurements, now: Date())
    }

    /// Every LUT entry of `device` on `backend`.
    public func lutEntries(device: String, backend: String) throws(StoreError) -> [LUTEntryRecord] {
        try lutEntries(device: device, backend: backend, keys: nil)
    }

    /// Every search run.
    public func searchRuns() throws(StoreError) -> [SearchRunRecord] { try searchRuns(space: nil) }

    /// A summary of every device's LUT entries per backend.
    public func lutSummaries() throws(StoreError) -> [LUTSummaryRecord] { try lutSummaries(device: nil) }
}

import VernierModel

/// What the ``LUTBuilder`` needs from a store: which layer keys a device already has, claims so
/// that concurrent builders never measure one key twice, and an atomic commit of each entry.
///
/// The profiler defines it and does not import any store; the application layer adapts its store
/// to it (VernierKit declares `Store: LUTEntrySink`).
public protocol LUTEntrySink: Sendable {
    /// Layer keys stored for `device` on `backend`.
    func lutKeys(device: String, backend: String) throws -> Set<String>
    /// Claims `key` for `owner`; `false` when it is stored already or claimed by an owner for
    /// which `isAlive` returns `true`.
    func claimLUTKey(device: String, backend: String, key: String, owner: String,
                     isAlive: (String) -> Bool) throws -> Bool
    /// Drops the claim on `key` (after a failure or an interruption).
    func releaseLUTClaim(device: String, backend: String, key: String) throws
    /// Stores `entry` and drops its claim in one transaction; `false` when another run stored
    /// the key first (nothing is overwritten).
    func commitLUTEntry(_ entry: LUTEntryRecord) throws -> Bool
    /// Stores `entry` in place of the stored one of its key (a re-measurement), in one transaction.
    func replaceLUTEntry(_ entry: LUTEntryRecord) throws
}

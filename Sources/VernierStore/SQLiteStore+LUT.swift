import Foundation
import GRDB
import VernierModel

extension SQLiteStore {
    /// A claim older than this is considered abandoned (its process died without cleaning up).
    public static let claimTimeout: TimeInterval = 600

    /// The keys already stored for a device and backend.
    public func lutKeys(device: String, backend: String) throws(StoreError) -> Set<String> {
        try read { db in
            Set(try String.fetchAll(db, sql: "SELECT key FROM lutEntry WHERE deviceId = ? AND backend = ?",
                                    arguments: [device, backend]))
        }
    }

    /// Entries of a device and backend, optionally only `keys`.
    public func lutEntries(device: String, backend: String, keys: Set<String>? = nil) throws(StoreError) -> [LUTEntryRecord] {
        let all = try read { db in
            try LUTEntryRecord.filter(Column("deviceId") == device && Column("backend") == backend)
                .order(Column("key")).fetchAll(db)
        }
        guard let keys else { return all }
        return all.filter { keys.contains($0.key) }
    }

    /// Layer key → median ms of a device's entries for `backend` (what a LUT sum reads).
    public func lutTable(device: String, backend: String) throws(StoreError) -> [String: Double] {
        try read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT key, medianMs FROM lutEntry WHERE deviceId = ? AND backend = ?",
                                        arguments: [device, backend])
            return Dictionary(uniqueKeysWithValues: rows.map { ($0["key"] as String, $0["medianMs"] as Double) })
        }
    }

    /// The backends with entries for a device.
    public func lutBackends(device: String) throws(StoreError) -> [String] {
        try read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT backend FROM lutEntry WHERE deviceId = ? ORDER BY backend",
                                arguments: [device])
        }
    }

    /// Claims `key` for `owner` unless it is measured already or claimed by a live process.
    /// - Parameter isAlive: whether the owner of an existing claim still runs.
    /// - Returns: `true` when the caller now owns the key and should measure it.
    public func claimLUTKey(device: String, backend: String, key: String, owner: String,
                            isAlive: (String) -> Bool) throws(StoreError) -> Bool {
        try claim(device: device, backend: backend, key: key, owner: owner, isAlive: isAlive) { db in
            try LUTEntryRecord.exists(db, key: ["deviceId": device, "backend": backend, "key": key])
        }
    }

    /// Claims `key` unless `done` says its work is stored or a live process holds a fresh claim.
    func claim(device: String, backend: String, key: String, owner: String, isAlive: (String) -> Bool,
               done: (Database) throws -> Bool) throws(StoreError) -> Bool {
        try write { db in
            if try done(db) { return false }
            if let claim = try LUTClaimRecord.fetchOne(db, key: ["deviceId": device, "backend": backend, "key": key]) {
                let fresh = Date().timeIntervalSince(claim.claimedAt) < SQLiteStore.claimTimeout
                if claim.owner != owner && fresh && isAlive(claim.owner) { return false }
            }
            try LUTClaimRecord(deviceId: device, backend: backend, key: key, owner: owner, claimedAt: Date()).save(db)
            return true
        }
    }

    /// Stores a finished entry and releases its claim in one transaction. An entry that exists
    /// already is kept (nothing is stored twice).
    /// - Returns: whether the entry was inserted.
    @discardableResult
    public func commitLUTEntry(_ entry: LUTEntryRecord) throws(StoreError) -> Bool {
        try write { db in
            try LUTClaimRecord.deleteOne(db, key: ["deviceId": entry.deviceId, "backend": entry.backend, "key": entry.key])
            if try LUTEntryRecord.exists(db, key: ["deviceId": entry.deviceId, "backend": entry.backend, "key": entry.key]) {
                return false
            }
            try entry.insert(db)
            return true
        }
    }

    /// Releases a claim without storing anything (the measurement failed).
    public func releaseLUTClaim(device: String, backend: String, key: String) throws(StoreError) {
        _ = try write { db in try LUTClaimRecord.deleteOne(db, key: ["deviceId": device, "backend": backend, "key": key]) }
    }

    /// Inserts or replaces many entries in one transaction (imports): all or nothing.
    public func replaceLUTEntries(_ entries: [LUTEntryRecord]) throws(StoreError) {
        try write { db in for entry in entries { try entry.save(db) } }
    }
}

import Foundation
import GRDB

extension SQLiteStore {
    /// Stores a new token.
    /// - Parameters:
    ///   - name: unique name of the token.
    ///   - hash: hex SHA-256 of its secret (the secret itself is never stored).
    ///   - device: the device an agent token is limited to, or `nil`.
    /// - Throws: ``StoreError`` with code `conflict` when a token of that name (revoked or not) or of that
    ///   hash exists already.
    public func createToken(name: String, hash: String, device: String?) throws(StoreError) -> TokenRecord {
        let nameTaken = StoreError(.conflict, path: path, detail: "a token named '\(name)' exists already")
        let hashTaken = StoreError(.conflict, path: path, detail: "a token with the same secret exists already")
        let record = try write { db in
            if try TokenRecord.filter(Column("name") == name).fetchCount(db) > 0 { throw nameTaken }
            if try TokenRecord.filter(Column("hash") == hash).fetchCount(db) > 0 { throw hashTaken }
            var record = TokenRecord(name: name, hash: hash, device: device, createdAt: Date())
            try record.insert(db)
            return record
        }
        restrictToOwner()
        return record
    }

    /// Makes the database and its WAL files readable and writable by their owner only (0600): a
    /// database with tokens holds the service's credentials (hashed, but still not for others).
    func restrictToOwner() {
        for file in [path, path + "-wal", path + "-shm"] where FileManager.default.fileExists(atPath: file) {
            try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        }
    }

    /// The token whose secret hashes to `hash`, or `nil`. Revoked tokens are returned too: the caller
    /// checks ``TokenRecord/revokedAt``.
    public func token(hash: String) throws(StoreError) -> TokenRecord? {
        try read { db in try TokenRecord.filter(Column("hash") == hash).fetchOne(db) }
    }

    /// Every token, revoked ones included, by name.
    public func tokens() throws(StoreError) -> [TokenRecord] {
        try read { db in try TokenRecord.order(Column("name")).fetchAll(db) }
    }

    /// Revokes the token `name` (a token revoked already keeps its first revocation time).
    /// - Returns: `false` when there is no such token.
    @discardableResult
    public func revokeToken(name: String) throws(StoreError) -> Bool {
        try write { db in
            guard var record = try TokenRecord.filter(Column("name") == name).fetchOne(db) else { return false }
            if record.revokedAt == nil {
                record.revokedAt = Date()
                try record.update(db)
            }
            return true
        }
    }
}

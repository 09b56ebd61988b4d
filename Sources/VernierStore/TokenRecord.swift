import Foundation
import GRDB

/// An API token of the service. Only the hex SHA-256 of its secret is stored, never the secret.
public struct TokenRecord: Codable, FetchableRecord, MutablePersistableRecord, Sendable, Equatable {
    /// Table name.
    public static let databaseTableName = "token"

    /// Row id (assigned on insert).
    public var id: Int64?
    /// Unique, human-chosen name.
    public var name: String
    /// Hex SHA-256 of the secret.
    public var hash: String
    /// The device an agent token is limited to; `nil` for a token not bound to a device.
    public var device: String?
    /// When the token was created.
    public var createdAt: Date
    /// When the token was revoked; `nil` while it is valid.
    public var revokedAt: Date?

    /// Creates a record.
    public init(id: Int64? = nil, name: String, hash: String, device: String?, createdAt: Date = Date(),
                revokedAt: Date? = nil) {
        self.id = id
        self.name = name
        self.hash = hash
        self.device = device
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }

    /// Takes the row id GRDB assigned.
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

import Foundation
import GRDB

/// A device and its profile document (JSON), as stored.
public struct DeviceRecord: Codable, FetchableRecord, PersistableRecord, Sendable, Equatable {
    /// Table name.
    public static let databaseTableName = "device"

    /// Stable device id.
    public var id: String
    /// The device profile as JSON text.
    public var profile: String
    /// When the profile was last written.
    public var updatedAt: Date

    /// Creates a record.
    public init(id: String, profile: String, updatedAt: Date = Date()) {
        self.id = id
        self.profile = profile
        self.updatedAt = updatedAt
    }
}

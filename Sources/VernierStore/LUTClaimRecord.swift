import Foundation
import GRDB

/// A claim by one profiling process on one layer key, so that concurrent runs on the same
/// database never measure a key twice.
public struct LUTClaimRecord: Codable, FetchableRecord, PersistableRecord, Sendable, Equatable {
    /// Table name.
    public static let databaseTableName = "lutClaim"

    public var deviceId: String
    public var backend: String
    public var key: String
    /// `host:pid` of the claiming process.
    public var owner: String
    public var claimedAt: Date
}

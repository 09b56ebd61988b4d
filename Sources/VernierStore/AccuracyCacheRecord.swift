import Foundation
import GRDB

/// A cached accuracy result of an expensive estimator (a training command) for one architecture.
public struct AccuracyCacheRecord: Codable, FetchableRecord, PersistableRecord, Sendable, Equatable {
    /// Table name.
    public static let databaseTableName = "accuracyCache"

    /// Estimator spec, e.g. `command:python train.py`.
    public var estimator: String
    /// Search space.
    public var space: String
    /// Canonical arch string.
    public var arch: String
    /// The accuracy it returned.
    public var accuracy: Double
    /// When.
    public var createdAt: Date

    /// Creates a record.
    public init(estimator: String, space: String, arch: String, accuracy: Double, createdAt: Date) {
        self.estimator = estimator
        self.space = space
        self.arch = arch
        self.accuracy = accuracy
        self.createdAt = createdAt
    }
}

import GRDB
import VernierModel

/// A ``VernierModel/ArchMeasurementRecord`` is a row of the `archMeasurement` table. The value
/// type lives in VernierModel so that the profiler, which produces it, need not import the
/// store; the store owns how it is persisted.
extension ArchMeasurementRecord: FetchableRecord, PersistableRecord {
    /// Table name.
    public static let databaseTableName = "archMeasurement"

    /// The record in `row`.
    public init(row: Row) {
        self.init(deviceId: row["deviceId"], backend: row["backend"], space: row["space"], resolution: row["resolution"],
                  arch: row["arch"], stats: LatencyStats(row: row), settings: row["settings"], measuredAt: row["measuredAt"])
    }

    /// Writes the record's columns.
    public func encode(to container: inout PersistenceContainer) {
        container["deviceId"] = deviceId
        container["backend"] = backend
        container["space"] = space
        container["resolution"] = resolution
        container["arch"] = arch
        stats.encode(to: &container)
        container["settings"] = settings
        container["measuredAt"] = measuredAt
    }
}

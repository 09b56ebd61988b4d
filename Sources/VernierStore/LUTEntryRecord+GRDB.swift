import GRDB
import VernierModel

/// A ``VernierModel/LUTEntryRecord`` is a row of the `lutEntry` table. The value type lives in
/// VernierModel so that the profiler, which produces it, need not import the store; the store
/// owns how it is persisted.
extension LUTEntryRecord: FetchableRecord, PersistableRecord {
    /// Table name.
    public static let databaseTableName = "lutEntry"

    /// The record in `row`.
    public init(row: Row) {
        self.init(deviceId: row["deviceId"], backend: row["backend"], key: row["key"], op: row["op"],
                  stats: LatencyStats(row: row), counters: row["counters"], settings: row["settings"],
                  source: row["source"], measuredAt: row["measuredAt"])
    }

    /// Writes the record's columns.
    public func encode(to container: inout PersistenceContainer) {
        container["deviceId"] = deviceId
        container["backend"] = backend
        container["key"] = key
        container["op"] = op
        stats.encode(to: &container)
        container["counters"] = counters
        container["settings"] = settings
        container["source"] = source
        container["measuredAt"] = measuredAt
    }
}

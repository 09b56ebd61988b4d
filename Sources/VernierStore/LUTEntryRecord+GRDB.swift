import GRDB
import VernierModel

/// A ``VernierModel/LUTEntryRecord`` is a row of the `lutEntry` table. The value type lives in VernierModel so
/// that the profiler, which produces it, need not import the store; the store owns how it is
/// persisted.
extension LUTEntryRecord: FetchableRecord, PersistableRecord {
    /// Table name.
    public static let databaseTableName = "lutEntry"
}

import GRDB
import VernierModel

/// A ``VernierModel/ArchMeasurementRecord`` is a row of the `archMeasurement` table. The value type lives in VernierModel so
/// that the profiler, which produces it, need not import the store; the store owns how it is
/// persisted.
extension ArchMeasurementRecord: FetchableRecord, PersistableRecord {
    /// Table name.
    public static let databaseTableName = "archMeasurement"
}

import Foundation
import GRDB

extension SQLiteStore {
    /// Inserts or replaces a device profile.
    public func saveDevice(id: String, profileJSON: String) throws(StoreError) {
        try write { db in try DeviceRecord(id: id, profile: profileJSON).save(db) }
    }

    /// The device `id`, or `nil`.
    public func device(id: String) throws(StoreError) -> DeviceRecord? {
        try read { db in try DeviceRecord.fetchOne(db, key: id) }
    }

    /// Every device, by id.
    public func devices() throws(StoreError) -> [DeviceRecord] {
        try read { db in try DeviceRecord.order(Column("id")).fetchAll(db) }
    }
}

import Foundation
import GRDB

extension SQLiteStore {
    /// Saves a finished search; returns its id.
    @discardableResult
    public func saveSearchRun(_ run: SearchRunRecord) throws(StoreError) -> Int64 {
        try write { db in
            var record = run
            try record.insert(db)
            return record.id ?? 0
        }
    }

    /// Stored searches, newest first, optionally of one space.
    public func searchRuns(space: String? = nil) throws(StoreError) -> [SearchRunRecord] {
        try read { db in
            var request = SearchRunRecord.order(Column("id").desc)
            if let space { request = request.filter(Column("space") == space) }
            return try request.fetchAll(db)
        }
    }

    /// The cached accuracy of `arch` under `estimator`, if any.
    public func cachedAccuracy(estimator: String, space: String, arch: String) throws(StoreError) -> Double? {
        try read { db in
            try AccuracyCacheRecord.fetchOne(db, key: ["estimator": estimator, "space": space, "arch": arch])?.accuracy
        }
    }

    /// Stores (or replaces) a cached accuracy.
    public func storeAccuracy(_ accuracy: Double, estimator: String, space: String, arch: String) throws(StoreError) {
        try write { db in
            try AccuracyCacheRecord(estimator: estimator, space: space, arch: arch, accuracy: accuracy, createdAt: Date()).save(db)
        }
    }
}

import Foundation
import GRDB
import VernierModel

extension SQLiteStore {
    /// Claim key of an end-to-end measurement (claims share the LUT claim table).
    static func archClaimKey(space: String, resolution: Int, arch: String) -> String { "arch:\(space)@\(resolution):\(arch)" }

    /// End-to-end measurements of a device, backend, space and resolution, by arch.
    public func archMeasurements(device: String, backend: String, space: String, resolution: Int) throws(StoreError) -> [ArchMeasurementRecord] {
        try read { db in
            try ArchMeasurementRecord.filter(Column("deviceId") == device && Column("backend") == backend
                                             && Column("space") == space && Column("resolution") == resolution)
                .order(Column("arch")).fetchAll(db)
        }
    }

    /// Every end-to-end measurement of a device on a backend, any space and resolution.
    public func archMeasurements(device: String, backend: String) throws(StoreError) -> [ArchMeasurementRecord] {
        try read { db in
            try ArchMeasurementRecord.filter(Column("deviceId") == device && Column("backend") == backend)
                .order(Column("space"), Column("resolution"), Column("arch")).fetchAll(db)
        }
    }

    /// Replaces stored end-to-end measurements by these (same keys), in one transaction.
    public func replaceArchMeasurements(_ records: [ArchMeasurementRecord]) throws(StoreError) {
        try write { db in for record in records { try record.save(db) } }
    }

    /// Claims an architecture for measuring unless it is stored already or a live process holds it.
    public func claimArch(device: String, backend: String, space: String, resolution: Int, arch: String, owner: String,
                          isAlive: (String) -> Bool) throws(StoreError) -> Bool {
        try claim(device: device, backend: backend, key: Self.archClaimKey(space: space, resolution: resolution, arch: arch),
                  owner: owner, isAlive: isAlive) { db in
            try ArchMeasurementRecord.exists(db, key: ["deviceId": device, "backend": backend, "space": space,
                                                       "resolution": resolution, "arch": arch])
        }
    }

    /// Stores a measurement and releases its claim in one transaction; an existing one is kept.
    /// - Returns: whether it was inserted.
    @discardableResult
    public func commitArchMeasurement(_ record: ArchMeasurementRecord) throws(StoreError) -> Bool {
        try write { db in
            try LUTClaimRecord.deleteOne(db, key: ["deviceId": record.deviceId, "backend": record.backend,
                                                   "key": Self.archClaimKey(space: record.space, resolution: record.resolution, arch: record.arch)])
            if try ArchMeasurementRecord.exists(db, key: ["deviceId": record.deviceId, "backend": record.backend, "space": record.space,
                                                          "resolution": record.resolution, "arch": record.arch]) {
                return false
            }
            try record.insert(db)
            return true
        }
    }

    /// Releases an architecture's claim without storing anything.
    public func releaseArchClaim(device: String, backend: String, space: String, resolution: Int, arch: String) throws(StoreError) {
        _ = try write { db in
            try LUTClaimRecord.deleteOne(db, key: ["deviceId": device, "backend": backend,
                                                   "key": Self.archClaimKey(space: space, resolution: resolution, arch: arch)])
        }
    }
}

extension SQLiteStore {
    /// Which devices and backends have end-to-end latencies of `space` at `resolution`, and how many.
    public func archMeasurementSets(space: String, resolution: Int) throws(StoreError) -> [(device: String, backend: String, count: Int)] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT deviceId, backend, COUNT(*) AS n FROM archMeasurement WHERE space = ? AND resolution = ?
                GROUP BY deviceId, backend ORDER BY deviceId, backend
                """, arguments: [space, resolution]).map { (device: $0["deviceId"], backend: $0["backend"], count: $0["n"]) }
        }
    }

    /// Imports latencies of devices known only through them, in one transaction: each device's
    /// profile is saved and its earlier latencies for the same backend, space and resolution are
    /// replaced by `records`. A failure stores nothing.
    public func importArchMeasurements(devices: [(id: String, profileJSON: String)], records: [ArchMeasurementRecord]) throws(StoreError) {
        try write { db in
            for device in devices {
                try DeviceRecord(id: device.id, profile: device.profileJSON).save(db)
            }
            var cleared = Set<String>()
            for record in records where cleared.insert("\(record.deviceId)\u{1}\(record.backend)\u{1}\(record.space)\u{1}\(record.resolution)").inserted {
                try ArchMeasurementRecord.filter(Column("deviceId") == record.deviceId && Column("backend") == record.backend
                                                 && Column("space") == record.space && Column("resolution") == record.resolution)
                    .deleteAll(db)
            }
            for record in records { try record.insert(db) }
        }
    }
}

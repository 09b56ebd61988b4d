import Foundation
import GRDB

extension Store {
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

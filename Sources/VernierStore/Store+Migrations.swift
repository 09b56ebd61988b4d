import GRDB

extension Store {
    /// The schema, one migration per change. Never edit a shipped migration; add a new one.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-devices-lut") { db in
            try db.create(table: "device") { t in
                t.primaryKey("id", .text)
                t.column("profile", .text).notNull()
                t.column("updatedAt", .datetime).notNull()
            }
            try db.create(table: "lutEntry") { t in
                t.column("deviceId", .text).notNull().references("device", onDelete: .cascade)
                t.column("backend", .text).notNull()
                t.column("key", .text).notNull()
                t.column("op", .text).notNull()
                t.column("medianMs", .double).notNull()
                t.column("madMs", .double).notNull()
                t.column("meanMs", .double).notNull()
                t.column("stdMs", .double).notNull()
                t.column("cv", .double).notNull()
                t.column("repetitions", .integer).notNull()
                t.column("innerIterations", .integer).notNull()
                t.column("counters", .text).notNull()
                t.column("settings", .text).notNull()
                t.column("source", .text).notNull()
                t.column("measuredAt", .datetime).notNull()
                t.primaryKey(["deviceId", "backend", "key"])
            }
            try db.create(table: "lutClaim") { t in
                t.column("deviceId", .text).notNull()
                t.column("backend", .text).notNull()
                t.column("key", .text).notNull()
                t.column("owner", .text).notNull()
                t.column("claimedAt", .datetime).notNull()
                t.primaryKey(["deviceId", "backend", "key"])
            }
        }
        migrator.registerMigration("v2-arch-measurements") { db in
            try db.create(table: "archMeasurement") { t in
                t.column("deviceId", .text).notNull().references("device", onDelete: .cascade)
                t.column("backend", .text).notNull()
                t.column("space", .text).notNull()
                t.column("resolution", .integer).notNull()
                t.column("arch", .text).notNull()
                t.column("medianMs", .double).notNull()
                t.column("madMs", .double).notNull()
                t.column("meanMs", .double).notNull()
                t.column("stdMs", .double).notNull()
                t.column("cv", .double).notNull()
                t.column("repetitions", .integer).notNull()
                t.column("innerIterations", .integer).notNull()
                t.column("settings", .text).notNull()
                t.column("measuredAt", .datetime).notNull()
                t.primaryKey(["deviceId", "backend", "space", "resolution", "arch"])
            }
        }
        return migrator
    }
}

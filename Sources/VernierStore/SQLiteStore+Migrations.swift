import GRDB

extension SQLiteStore {
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
        migrator.registerMigration("v3-search") { db in
            try db.create(table: "searchRun") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("createdAt", .datetime).notNull()
                t.column("space", .text).notNull()
                t.column("strategy", .text).notNull()
                t.column("accuracy", .text).notNull()
                t.column("latency", .text).notNull()
                t.column("budgetMs", .double)
                t.column("seed", .integer).notNull()
                t.column("evaluations", .integer).notNull()
                t.column("wallSeconds", .double).notNull()
                t.column("bestArch", .text)
                t.column("bestAccuracy", .double)
                t.column("bestLatencyMs", .double)
                t.column("hypervolume", .double).notNull()
                t.column("result", .text).notNull()
            }
            try db.create(table: "accuracyCache") { t in
                t.column("estimator", .text).notNull()
                t.column("space", .text).notNull()
                t.column("arch", .text).notNull()
                t.column("accuracy", .double).notNull()
                t.column("createdAt", .datetime).notNull()
                t.primaryKey(["estimator", "space", "arch"])
            }
        }
        migrator.registerMigration("v4-service") { db in
            try db.create(table: "token") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("name", .text).notNull().unique()
                t.column("hash", .text).notNull().unique()
                t.column("device", .text)
                t.column("createdAt", .datetime).notNull()
                t.column("revokedAt", .datetime)
            }
            try db.create(table: "job") { t in
                t.primaryKey("id", .text)
                t.column("device", .text).notNull()
                t.column("kind", .text).notNull()
                t.column("space", .text).notNull()
                t.column("parameters", .text).notNull()
                t.column("state", .text).notNull()
                t.column("leaseOwner", .text)
                t.column("leaseExpiresAt", .datetime)
                t.column("attempts", .integer).notNull()
                t.column("stored", .integer).notNull()
                t.column("error", .text)
                t.column("createdAt", .datetime).notNull()
                t.column("updatedAt", .datetime).notNull()
            }
            try db.create(index: "job_on_device_state_createdAt", on: "job", columns: ["device", "state", "createdAt"])
            try db.create(table: "jobBatch") { t in
                t.column("jobId", .text).notNull().references("job", onDelete: .cascade)
                t.column("batchId", .text).notNull()
                t.column("entries", .integer).notNull()
                t.column("stored", .integer).notNull()
                t.column("storedAt", .datetime).notNull()
                t.primaryKey(["jobId", "batchId"])
            }
        }
        return migrator
    }
}

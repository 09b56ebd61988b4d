import Foundation
import GRDB

extension SQLiteStore {
    /// One summary per device and backend with LUT entries, by device then backend; only those of
    /// `device` when it is given (none for a device without entries, or an unknown one).
    public func lutSummaries(device: String?) throws(StoreError) -> [LUTSummaryRecord] {
        var filter = ""
        var arguments = StatementArguments()
        if let device {
            filter = "WHERE deviceId = ?"
            arguments = [device]
        }
        return try read { db in
            let groups = try Row.fetchAll(db, sql: """
                SELECT deviceId, backend, COUNT(*) AS entries, MIN(measuredAt) AS firstMeasuredAt,
                       MAX(measuredAt) AS lastMeasuredAt
                FROM lutEntry \(filter) GROUP BY deviceId, backend ORDER BY deviceId, backend
                """, arguments: arguments)
            let sourceRows = try Row.fetchAll(db, sql: """
                SELECT DISTINCT deviceId, backend, source FROM lutEntry \(filter) ORDER BY deviceId, backend, source
                """, arguments: arguments)
            var sources: [String: [String]] = [:]
            for row in sourceRows {
                let group = "\(row["deviceId"] as String)\u{0}\(row["backend"] as String)"
                sources[group, default: []].append(row["source"] as String)
            }
            return groups.map { row in
                let deviceId: String = row["deviceId"], backend: String = row["backend"]
                return LUTSummaryRecord(deviceId: deviceId, backend: backend, entries: row["entries"],
                                        sources: sources["\(deviceId)\u{0}\(backend)"] ?? [],
                                        firstMeasuredAt: row["firstMeasuredAt"], lastMeasuredAt: row["lastMeasuredAt"])
            }
        }
    }
}

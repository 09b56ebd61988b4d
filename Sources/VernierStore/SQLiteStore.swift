import Foundation
import GRDB

/// The embedded SQLite implementation of ``Store`` (WAL mode through a GRDB `DatabasePool`). Every
/// schema change goes through ``SQLiteStore/migrator``.
public final class SQLiteStore: Store {
    /// Default database file name, in the current directory.
    public static let defaultPath = "vernier.sqlite"

    /// The underlying pool.
    public let pool: DatabasePool
    /// Path of the database file.
    public let path: String

    /// Opens (creating if needed) the database at `path` and migrates it to the latest schema.
    /// - Throws: ``StoreError`` when the file cannot be opened or is not a Vernier database.
    public init(path: String) throws(StoreError) {
        self.path = path
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        configuration.foreignKeysEnabled = true
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try SQLiteStore.migrator.migrate(pool)
        } catch {
            throw StoreError(.cannotOpen, path: path, detail: "\(error)")
        }
    }

    /// The path chosen by `--db`, else `VERNIER_DB`, else ``defaultPath``.
    public static func resolvePath(_ option: String?) -> String {
        option ?? ProcessInfo.processInfo.environment["VERNIER_DB"] ?? defaultPath
    }

    /// Runs `body` in a write transaction, wrapping GRDB errors in ``StoreError``.
    public func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do { return try pool.write(body) } catch let error as StoreError { throw error } catch {
            throw StoreError(.writeFailed, path: path, detail: "\(error)")
        }
    }

    /// Runs `body` on a read snapshot, wrapping GRDB errors in ``StoreError``.
    public func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do { return try pool.read(body) } catch let error as StoreError { throw error } catch {
            throw StoreError(.readFailed, path: path, detail: "\(error)")
        }
    }
}

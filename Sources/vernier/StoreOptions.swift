import ArgumentParser
import VernierStore

/// `--db`: the SQLite database (default `vernier.sqlite`, or `VERNIER_DB`).
struct StoreOptions: ParsableArguments {
    @Option(help: "SQLite database path (default: $VERNIER_DB or vernier.sqlite).")
    var db: String?

    /// Opens the store.
    func open() throws -> Store { try SQLiteStore(path: SQLiteStore.resolvePath(db)) }
}

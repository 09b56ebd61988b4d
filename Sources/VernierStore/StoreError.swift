/// A failure of the store, naming the database and what was being done.
public struct StoreError: Error, CustomStringConvertible, Sendable {
    /// What went wrong.
    public enum Code: String, Sendable {
        case cannotOpen
        case readFailed
        case writeFailed
        case notFound
        case conflict
    }

    /// What went wrong.
    public var code: Code
    /// The database file.
    public var path: String
    /// Details (the SQLite message, the missing id, …).
    public var detail: String

    /// Creates an error.
    public init(_ code: Code, path: String, detail: String) {
        self.code = code
        self.path = path
        self.detail = detail
    }

    public var description: String {
        switch code {
        case .cannotOpen: "cannot open database \(path): \(detail)"
        case .readFailed: "reading \(path) failed: \(detail)"
        case .writeFailed: "writing \(path) failed: \(detail)"
        case .notFound: "\(detail) (database \(path))"
        case .conflict: "\(detail) (database \(path))"
        }
    }
}

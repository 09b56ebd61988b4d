/// A LUT file that cannot be used, with the file and the first problem found.
public struct LUTError: Error, CustomStringConvertible, Sendable {
    /// What went wrong.
    public enum Code: String, Sendable {
        case unreadable
        case malformed
        case unwritable
        case foreign
    }

    /// What went wrong.
    public var code: Code
    /// The file.
    public var file: String
    /// The problem.
    public var detail: String

    /// Creates an error.
    public init(_ code: Code, file: String, detail: String) {
        self.code = code
        self.file = file
        self.detail = detail
    }

    public var description: String {
        switch code {
        case .unreadable: "cannot read LUT \(file): \(detail)"
        case .malformed: "invalid LUT \(file): \(detail)"
        case .unwritable: "cannot write LUT \(file): \(detail)"
        case .foreign: "LUT \(file) does not fit: \(detail)"
        }
    }
}

/// An invalid architecture, space name or layer description, with the offending value, where it
/// was found and what would have been allowed.
public struct ArchError: Error, CustomStringConvertible, Equatable, Sendable {
    /// What went wrong.
    public enum Code: String, Sendable {
        /// The space name is not known.
        case unknownSpace
        /// The arch string does not follow the space's grammar.
        case malformedArch
        /// An op / block / choice name is not one of the allowed values.
        case unknownChoice
        /// The arch has the wrong number of layers, blocks or edges.
        case wrongCount
        /// A custom layer has a missing, negative or inconsistent field.
        case invalidLayer
        /// A file could not be read or decoded.
        case unreadable
    }

    /// What went wrong.
    public var code: Code
    /// The offending value, verbatim.
    public var value: String
    /// Where it was found (e.g. `character 14`, `block 3`, `layer 2 field "cin"`).
    public var location: String
    /// What would have been accepted.
    public var allowed: String

    /// Creates an error.
    public init(_ code: Code, value: String, location: String, allowed: String) {
        self.code = code
        self.value = value
        self.location = location
        self.allowed = allowed
    }

    /// One line: what, where, and what is allowed.
    public var description: String {
        let what: String
        switch code {
        case .unknownSpace: what = "unknown space"
        case .malformedArch: what = "malformed arch"
        case .unknownChoice: what = "unknown choice"
        case .wrongCount: what = "wrong count"
        case .invalidLayer: what = "invalid layer"
        case .unreadable: what = "unreadable"
        }
        let shown = value.count > 120 ? String(value.prefix(117)) + "..." : value
        return "\(what) '\(shown)' at \(location); allowed: \(allowed)"
    }
}

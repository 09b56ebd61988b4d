/// A use case that failed, with what kind of failure it was, so that each front-end reports it
/// its own way: the CLI prints the message and exits non-zero; the service answers with the HTTP
/// status of ``kind`` and the message as `{"error": …}`.
public struct UseCaseError: Error, CustomStringConvertible, Sendable {
    /// What went wrong, in the terms of a request.
    public enum Kind: String, Sendable {
        /// A value given was malformed or out of range (HTTP 400).
        case badInput
        /// A device, LUT, calibration or other named thing does not exist (HTTP 404).
        case notFound
        /// The request contradicts what is stored (HTTP 409).
        case conflict
        /// Well-formed input that cannot be processed: data that does not fit together (HTTP 422).
        case unprocessable
        /// The store or a stored value failed (HTTP 500).
        case storage
    }

    /// The kind of failure.
    public let kind: Kind
    /// One line naming the value and what was wrong with it.
    public let message: String

    /// Creates an error.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}

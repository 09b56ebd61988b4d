/// A request of an agent that failed: unreachable server, or an answer it cannot go on with.
public struct ServiceClientError: Error, CustomStringConvertible, Sendable {
    /// What happened, naming the request.
    public let message: String

    /// Creates an error.
    public init(_ message: String) { self.message = message }

    public var description: String { message }
}

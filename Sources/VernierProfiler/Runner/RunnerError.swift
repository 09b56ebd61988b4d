/// Why talking to an external runner failed, with what it said.
public struct RunnerError: Error, CustomStringConvertible, Sendable {
    /// Kinds of runner failure.
    public enum Code: String, Sendable {
        /// The runner could not be started.
        case cannotStart
        /// The runner exited (or closed stdout) before answering.
        case exited
        /// The runner did not answer within the timeout.
        case timeout
        /// The runner's reply is not the protocol's JSON.
        case garbage
        /// The runner answered another request's id.
        case wrongID
        /// The runner answered with an error for this request (the op it cannot build, say).
        case failed
    }

    /// Which failure.
    public let code: Code
    /// The message, naming the command and what it did.
    public let message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    /// Whether the runner process is unusable after this error (it must be restarted).
    public var processLost: Bool { [.cannotStart, .exited, .timeout, .garbage, .wrongID].contains(code) }
}

import Hummingbird

/// A failed request: its HTTP status and the message sent as `{"error": "..."}`.
public struct ServiceError: Error, HTTPResponseError, CustomStringConvertible {
    /// Response status.
    public let status: HTTPResponse.Status
    /// What was wrong, naming the value.
    public let message: String

    /// Creates an error.
    public init(_ status: HTTPResponse.Status, _ message: String) {
        self.status = status
        self.message = message
    }

    public var description: String { message }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        ErrorMiddleware<ServiceContext>.jsonResponse(status: status, message: message)
    }
}

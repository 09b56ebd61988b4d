import Hummingbird
import VernierKit

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

extension ServiceError {
    /// The response to a failed use case: its kind's status and its message.
    public init(_ error: UseCaseError) {
        let status: HTTPResponse.Status = switch error.kind {
        case .badInput: .badRequest
        case .notFound: .notFound
        case .conflict: .conflict
        case .unprocessable: .unprocessableContent
        case .storage: .internalServerError
        }
        self.init(status, error.message)
    }
}

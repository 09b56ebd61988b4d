import Foundation
import Hummingbird
import VernierKit

/// Turns every failure into a JSON body `{"error": "..."}` with the right status: Hummingbird's
/// own errors (404 for unknown routes, 413 for large bodies, 400 for undecodable JSON) keep their
/// status and message; anything unexpected is a 500 that names the error, never a crash.
public struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    let routes: RouteTable

    /// Creates the middleware; a 404 for a path that `routes` serves with other methods becomes 405.
    init(routes: RouteTable) { self.routes = routes }

    public func handle(_ request: Request, context: Context,
                       next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as ServiceError {
            return Self.response(status: error.status, message: error.message, context: context)
        } catch let error as UseCaseError {
            let mapped = ServiceError(error)
            return Self.response(status: mapped.status, message: mapped.message, context: context)
        } catch let error as HTTPError {
            if error.status == .notFound, error.body == nil {
                let allowed = routes.methods(at: request.uri.path)
                if !allowed.isEmpty {
                    var response = Self.jsonResponse(
                        status: .methodNotAllowed,
                        message: "\(request.method.rawValue) is not served at \(request.uri.path); allowed: \(allowed.sorted().joined(separator: ", "))")
                    response.headers[.allow] = allowed.sorted().joined(separator: ", ")
                    return response
                }
            }
            return Self.response(status: error.status, message: error.body ?? error.status.reasonPhrase, context: context)
        } catch let error as any HTTPResponseError {
            return Self.response(status: error.status, message: "\(error)", context: context)
        } catch {
            return Self.response(status: .internalServerError, message: "\(error)", context: context)
        }
    }

    /// The JSON error response; a 500 keeps its details (SQL, paths, error dumps) in the server
    /// log under a request id and answers only with that id.
    static func response(status: HTTPResponse.Status, message: String, context: Context) -> Response {
        guard status == .internalServerError else { return jsonResponse(status: status, message: message) }
        let id = UUID().uuidString.prefix(8).lowercased()
        context.logger.error("request \(id) failed: \(message)")
        return jsonResponse(status: status, message: "internal error (request \(id)); the server log has the details")
    }

    /// A JSON error response.
    static func jsonResponse(status: HTTPResponse.Status, message: String) -> Response {
        let body = (try? JSONEncoder().encode(["error": message])) ?? Data(#"{"error":"unencodable message"}"#.utf8)
        return Response(status: status, headers: [.contentType: "application/json"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}

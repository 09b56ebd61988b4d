import Hummingbird
import VernierStore

/// Reads `Authorization: Bearer <secret>`, looks up its SHA-256 among the stored tokens and puts
/// the token in the context. Writes always need a valid token: none is 401, an unknown or revoked
/// one 403. Reads (GET, and `POST /v1/predict`) are open unless the service is configured to
/// close them. The browser view's static files are open either way: they hold no data, and the
/// page asks for a token when the API wants one.
public struct TokenAuthenticator: RouterMiddleware {
    public typealias Context = ServiceContext

    let store: Store
    let openReads: Bool

    /// Creates the middleware.
    public init(store: Store, openReads: Bool) {
        self.store = store
        self.openReads = openReads
    }

    public func handle(_ request: Request, context: ServiceContext,
                       next: (Request, ServiceContext) async throws -> Response) async throws -> Response {
        var context = context
        let isRead = request.method == .get || request.method == .head || request.uri.path == "/v1/predict"
        let isPublic = ["/health", "/ready", "/metrics", "/openapi.yaml"].contains(request.uri.path)
            || UIController.paths.contains(request.uri.path)
        guard let header = request.headers[.authorization] else {
            if isPublic || (isRead && openReads) { return try await next(request, context) }
            throw ServiceError(.unauthorized, "this request needs a bearer token (Authorization: Bearer <token>); create one with `vernier token create --name NAME`")
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw ServiceError(.unauthorized, "the Authorization header must be `Bearer <token>`")
        }
        let hash = TokenSecret.hash(String(parts[1]))
        let token = try await StoreAccess(store: store).run { [store] in try store.token(hash: hash) }
        guard let token else { throw ServiceError(.forbidden, "unknown token") }
        guard token.revokedAt == nil else { throw ServiceError(.forbidden, "token '\(token.name)' was revoked") }
        context.token = token
        return try await next(request, context)
    }
}

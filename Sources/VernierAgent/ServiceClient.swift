import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A small async JSON client for the service, used by agents: bearer token on every request,
/// and retries with exponential backoff while the server is unreachable or answers 5xx.
public final class ServiceClient: Sendable {
    /// Base URL, e.g. `http://127.0.0.1:8080`.
    public let server: URL
    private let token: String
    /// Longest total wait for an unreachable server before a request fails.
    public let retrySeconds: Double
    private let session: URLSession

    /// An HTTP answer: status and body.
    public struct Reply: Sendable {
        public let status: Int
        public let body: Data

        /// The `error` of a JSON error body, or the body as text.
        public var message: String {
            if let object = try? JSONDecoder().decode([String: String].self, from: body), let error = object["error"] { return error }
            return String(decoding: body.prefix(500), as: UTF8.self)
        }
    }

    /// Creates a client.
    public init(server: URL, token: String, retrySeconds: Double = 120) {
        self.server = server
        self.token = token
        self.retrySeconds = retrySeconds
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 60
        session = URLSession(configuration: configuration)
    }

    /// Sends a request to `path` (relative to the server, with any query already percent-encoded);
    /// retries connection failures and 5xx answers with backoff (0.5 s doubling
    /// to 8 s) for up to ``retrySeconds``; returns any other answer.
    public func send(_ method: String, _ path: String, body: Data? = nil,
                     shouldStop: @Sendable () -> Bool = { false }) async throws -> Reply {
        let base = server.absoluteString.hasSuffix("/") ? String(server.absoluteString.dropLast()) : server.absoluteString
        guard let url = URL(string: base + "/" + path) else { throw ServiceClientError("cannot make a URL of \(base) and \(path)") }
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        if let body {
            request.httpBody = body
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let start = Date()
        var delay = 0.5
        while true {
            let outcome = await perform(request)
            switch outcome {
            case .success(let reply) where reply.status < 500:
                return reply
            case .success(let reply) where Date().timeIntervalSince(start) + delay > retrySeconds || shouldStop():
                return reply
            case .failure(let error) where Date().timeIntervalSince(start) + delay > retrySeconds || shouldStop():
                throw ServiceClientError("\(method) \(url.absoluteString): \(error.localizedDescription) (gave up after \(Int(Date().timeIntervalSince(start))) s)")
            default:
                try await Task.sleep(for: .seconds(delay))
                delay = min(delay * 2, 8)
            }
        }
    }

    /// Sends `value` as JSON.
    public func send<Body: Encodable>(_ method: String, _ path: String, json value: Body,
                                      shouldStop: @Sendable () -> Bool = { false }) async throws -> Reply {
        try await send(method, path, body: try JSONEncoder().encode(value), shouldStop: shouldStop)
    }

    private func perform(_ request: URLRequest) async -> Result<Reply, any Error> {
        do {
            let (data, response) = try await session.data(for: request)
            return .success(Reply(status: (response as? HTTPURLResponse)?.statusCode ?? 0, body: data))
        } catch {
            return .failure(error)
        }
    }
}

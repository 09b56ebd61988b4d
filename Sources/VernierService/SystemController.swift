import Foundation
import Hummingbird
import VernierStore

/// `GET /health`, `GET /ready`, `GET /metrics` (Prometheus text) and `GET /openapi.yaml`.
struct SystemController {
    let access: StoreAccess
    let metrics: ServiceMetrics

    /// The OpenAPI document shipped with the module.
    static let openAPI: String = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { return "" }
        return text
    }()

    struct Health: ResponseEncodable {
        var status: String
        var devices: Int
        var database: String
    }

    func addRoutes(to router: Router<ServiceContext>) {
        router.get("health") { _, _ -> Health in
            let devices = try await access.run { try access.store.devices().count }
            return Health(status: "ok", devices: devices, database: access.store.path)
        }
        // Ready while the store answers a read; 503 otherwise (details in the log), so that a load
        // balancer stops sending requests that could only fail.
        router.get("ready") { _, context -> Response in
            do {
                _ = try await access.run { try access.store.devices().count }
            } catch {
                context.logger.error("not ready: \(error)")
                return ErrorMiddleware<ServiceContext>.jsonResponse(status: .serviceUnavailable,
                                                                   message: "not ready: the store does not answer")
            }
            return Response(status: .ok, headers: [.contentType: "application/json"],
                            body: ResponseBody(byteBuffer: ByteBuffer(string: #"{"status":"ready"}"#)))
        }
        router.get("metrics") { _, _ -> Response in
            let text = try await access.run { try metrics.scrape(store: access.store) }
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
        }
        router.get("openapi.yaml") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "application/yaml"],
                     body: ResponseBody(byteBuffer: ByteBuffer(string: Self.openAPI)))
        }
    }
}

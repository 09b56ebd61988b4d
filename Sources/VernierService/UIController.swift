import Foundation
import Hummingbird

/// The browser view: `GET /` (the page), `GET /ui/app.js` and `GET /ui/style.css`, static files
/// shipped in the module's `Resources/ui` and served by the binary (no CDN). The page reads the
/// JSON API as any client does; it holds no data itself, so its files need no token, and
/// `Cache-Control: no-cache` makes a browser revalidate them after an upgrade.
struct UIController {
    /// One static file: its content type and text (`nil` when the build lacks it).
    struct Asset: Sendable {
        let contentType: String
        let text: String?
    }

    /// The page.
    static let index = Asset(contentType: "text/html; charset=utf-8", text: load("index", "html"))
    /// The page's script.
    static let script = Asset(contentType: "text/javascript; charset=utf-8", text: load("app", "js"))
    /// The page's style sheet.
    static let style = Asset(contentType: "text/css; charset=utf-8", text: load("style", "css"))

    /// What the page may load: its own files and the API, images also from `blob:` (plots fetched
    /// with the token) and `data:` (the empty favicon); nothing inline, nothing from elsewhere.
    static let contentSecurityPolicy =
        "default-src 'self'; img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

    /// Its paths, served without a token even when reads are closed (``TokenAuthenticator``).
    static let paths: Set<String> = ["/", "/ui/app.js", "/ui/style.css"]

    func addRoutes(to router: Router<ServiceContext>) {
        router.get("/") { _, _ -> Response in try Self.response(Self.index) }
        router.get("ui/app.js") { _, _ -> Response in try Self.response(Self.script) }
        router.get("ui/style.css") { _, _ -> Response in try Self.response(Self.style) }
    }

    /// The response of an asset; a 404 naming the missing file when the build lacks it.
    static func response(_ asset: Asset) throws -> Response {
        guard let text = asset.text else {
            throw ServiceError(.notFound, "this build lacks the browser view's files (Sources/VernierService/Resources/ui)")
        }
        var headers: HTTPFields = [.contentType: asset.contentType, .cacheControl: "no-cache", .xContentTypeOptions: "nosniff"]
        if asset.contentType.hasPrefix("text/html") {
            headers[.contentSecurityPolicy] = contentSecurityPolicy
            headers[.init("Referrer-Policy")!] = "no-referrer"
        }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// The text of `Resources/ui/<name>.<ext>` in the module's bundle.
    static func load(_ name: String, _ ext: String) -> String? {
        let url = Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "ui")
            ?? Bundle.module.resourceURL?.appendingPathComponent("ui/\(name).\(ext)")
        guard let url else { return nil }
        return try? String(contentsOf: url, encoding: .utf8)
    }
}

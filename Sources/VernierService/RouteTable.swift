import Foundation

/// The service's routes as path patterns with their methods, so that a known path asked with
/// another method answers 405 with `Allow`, not 404.
final class RouteTable: @unchecked Sendable {
    private let lock = NSLock()
    private var routes: [(segments: [Substring], methods: Set<String>)] = []

    /// Records a route, e.g. `/v1/jobs/{id}` and `POST`.
    func add(path: String, method: String) {
        let segments = path.split(separator: "/")
        lock.withLock {
            if let index = routes.firstIndex(where: { $0.segments == segments }) {
                routes[index].methods.insert(method)
            } else {
                routes.append((segments, [method]))
            }
        }
    }

    /// The methods served at `path` (empty when no route matches it). Where a literal route and
    /// a captured one both match (`/v1/jobs/lease` and `/v1/jobs/{id}`), the router takes the
    /// literal one, and so do these methods.
    func methods(at path: String) -> Set<String> {
        let parts = path.split(separator: "?", maxSplits: 1)[0].split(separator: "/")
        return lock.withLock {
            let matching = routes.filter { route in
                route.segments.count == parts.count
                    && zip(route.segments, parts).allSatisfy { Self.isCapture($0) || $0 == $1 }
            }
            let literals: ([Substring]) -> Int = { $0.filter { !Self.isCapture($0) }.count }
            let best = matching.map { literals($0.segments) }.max()
            return matching.filter { literals($0.segments) == best }.reduce(into: Set<String>()) { $0.formUnion($1.methods) }
        }
    }

    /// Whether a route segment captures a parameter: `{id}` (how Hummingbird describes a route's
    /// path) or `:id` (how it is declared).
    static func isCapture(_ segment: Substring) -> Bool {
        segment.hasPrefix(":") || (segment.hasPrefix("{") && segment.hasSuffix("}"))
    }
}

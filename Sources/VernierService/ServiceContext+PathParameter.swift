import Foundation
import Hummingbird

extension ServiceContext {
    /// The path parameter `name`, percent-decoded. Hummingbird hands a parameter over as it stands
    /// in the path, still encoded: `GET /v1/devices/dev%31` names device `dev1`, not `dev%31`.
    /// - Throws: ``ServiceError`` (400) when the segment's escapes are not valid percent-encoding
    ///   (e.g. `%zz`), and Hummingbird's error when the route has no such parameter.
    func pathParameter(_ name: String) throws -> String {
        let raw = try parameters.require(name)
        guard let decoded = raw.removingPercentEncoding else {
            throw ServiceError(.badRequest, "path parameter '\(name)' = '\(raw)' is not valid percent-encoding")
        }
        return decoded
    }
}

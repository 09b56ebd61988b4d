import Hummingbird
import VernierModel
import VernierStore

/// `GET /v1/devices/{id}/coverage`: how much of each space its LUTs cover — per space and per
/// backend with entries for the device, how many of the space's distinct layers at its default
/// resolution have an entry.
struct CoverageController {
    let access: StoreAccess

    func addRoutes(to group: RouterGroup<ServiceContext>) {
        group.get(":id/coverage", use: coverage)
    }

    /// One space on one backend.
    struct Row: ResponseEncodable, Sendable, Equatable {
        /// Space name.
        let space: String
        /// LUT backend.
        let backend: String
        /// The resolution whose layers are counted (the space's default).
        let resolution: Int
        /// Distinct layers of the space with an entry on the backend.
        let entries: Int
        /// Distinct layers of the space at ``resolution``.
        let layers: Int
    }

    /// Rows by space (in ``Spaces/all``'s order), then backend (as the store lists them); none
    /// when the device has no LUT entries. 404 for an unknown device.
    @Sendable func coverage(_ request: Request, context: ServiceContext) async throws -> [Row] {
        let id = try context.pathParameter("id")
        _ = try await access.device(id)
        return try await access.run { [access] () throws -> [Row] in
            let backends = try access.store.lutBackends(device: id)
            let keys = try backends.map { try access.store.lutKeys(device: id, backend: $0) }
            return Spaces.all.flatMap { space -> [Row] in
                let layers = space.distinctLayers().map(\.key)
                return zip(backends, keys).map { backend, stored in
                    Row(space: space.name, backend: backend, resolution: space.defaultResolution,
                        entries: layers.filter(stored.contains).count, layers: layers.count)
                }
            }
        }
    }
}

import Foundation
import Hummingbird
import VernierKit
import VernierModel
import VernierProfiler
import VernierStore

/// `GET /v1/devices/{id}/lut/{space}`: a device's LUT for a space (the `lut export` format), or
/// one entry with `?key=`; `?backend=` picks the backend (default `native`), `?resolution=` the
/// input resolution whose layers are listed (default: the space's).
struct LUTController {
    let access: StoreAccess

    func addRoutes(to group: RouterGroup<ServiceContext>) {
        group.get(":id/lut/:space", use: lut)
    }

    /// One entry of a LUT.
    struct EntryResponse: ResponseEncodable {
        let device: String
        let backend: String
        let key: String
        let entry: LUTEntry
    }

    @Sendable func lut(_ request: Request, context: ServiceContext) async throws -> Response {
        let id = try context.pathParameter("id")
        let spaceName = try context.pathParameter("space")
        _ = try await access.device(id)
        let space: any SearchSpace
        do { space = try Spaces.named(spaceName) } catch {
            throw ServiceError(.notFound, "\(error)")
        }
        let backend = request.uri.queryParameters.get("backend") ?? BackendName.native
        if let key = request.uri.queryParameters.get("key") {
            let records = try await access.run { try access.store.lutEntries(device: id, backend: backend, keys: [key]) }
            guard let record = records.first else {
                throw ServiceError(.notFound, "device \(id) has no \(backend) LUT entry for \(key)")
            }
            return try EntryResponse(device: id, backend: backend, key: key, entry: LUTEntry(record: record))
                .response(from: request, context: context)
        }
        var resolution: Int?
        if let text = request.uri.queryParameters.get("resolution") {
            guard let value = Int(text) else { throw ServiceError(.badRequest, "resolution '\(text)' is not an integer") }
            if let problem = space.resolutionProblem(value, field: "resolution") { throw ServiceError(.badRequest, problem) }
            resolution = value
        }
        let wanted = resolution
        let data = try await access.run { [access] in
            try SpaceLUT(store: access.store, device: id, backend: backend, space: space.name, resolution: wanted).file.json()
        }
        return Response(status: .ok, headers: [.contentType: "application/json"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}

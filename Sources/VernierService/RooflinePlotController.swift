import Hummingbird
import VernierKit
import VernierModel

/// `GET /v1/devices/{id}/roofline.svg[?space=&backend=]`: the device's roofline (compute and
/// bandwidth ceilings from its profile) with the space's layers placed by arithmetic intensity
/// and the GFLOP/s its LUT gives them, as `roofline --plot` draws it. 404 when the device has no
/// roofline or the space is unknown; layers without a LUT entry are counted in the plot's note.
struct RooflinePlotController {
    let access: StoreAccess

    func addRoutes(to group: RouterGroup<ServiceContext>) {
        group.get(":id/roofline.svg", use: plot)
    }

    @Sendable func plot(_ request: Request, context: ServiceContext) async throws -> Response {
        let id = try context.pathParameter("id")
        let profile = try await access.device(id)
        guard let roofline = profile.roofline else {
            throw ServiceError(.notFound, "device \(id) has no roofline; run `vernier roofline --device \(id)` on it")
        }
        let name = request.uri.queryParameters.get("space") ?? "fbnet"
        let space: any SearchSpace
        do { space = try Spaces.named(name) } catch { throw ServiceError(.notFound, "\(error)") }
        let backend = request.uri.queryParameters.get("backend") ?? BackendName.native
        let svg = try await access.run { [access] in
            let table = try access.store.lutTable(device: id, backend: backend)
            let placed = RooflineLayerPoint.layers(of: space, resolution: nil, lut: table)
            return RooflinePlot(title: "Roofline of \(id): \(space.name) layers (\(backend) LUT)", roofline: roofline,
                                layers: placed.points, missing: placed.missing, unplaceable: placed.unplaceable).svg()
        }
        return Response(status: .ok, headers: [.contentType: "image/svg+xml", .cacheControl: "no-cache"],
                        body: ResponseBody(byteBuffer: ByteBuffer(string: svg)))
    }
}

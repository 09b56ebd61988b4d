import Foundation
import Hummingbird
import VernierKit
import VernierModel
import VernierProfiler
import VernierStore

/// `/v1/devices`: list, read and register device profiles.
struct DevicesController {
    let access: StoreAccess
    let cache: PredictorCache

    func addRoutes(to group: RouterGroup<ServiceContext>) {
        group.get(use: list)
        group.get(":id", use: show)
        group.post(use: register)
    }

    @Sendable func list(_ request: Request, context: ServiceContext) async throws -> [DeviceProfile] {
        try await access.run { [access] in
            try access.store.devices().map { try DeviceRegistry.decode($0, id: $0.id) }
        }
    }

    @Sendable func show(_ request: Request, context: ServiceContext) async throws -> DeviceProfile {
        try await access.device(try context.pathParameter("id"))
    }

    @Sendable func register(_ request: Request, context: ServiceContext) async throws -> EditedResponse<DeviceProfile> {
        let profile = try await request.decode(as: DeviceProfile.self, context: context)
        guard DeviceID.isValid(profile.id) else {
            throw ServiceError(.badRequest, "device id '\(profile.id)' must be \(DeviceID.rule)")
        }
        if let problem = profile.implausibleFigure { throw ServiceError(.badRequest, "device profile: \(problem)") }
        try context.requireAccess(toDevice: profile.id)
        let existed = try await access.run { try access.store.device(id: profile.id) } != nil
        try await access.run { try access.store.saveDevice(id: profile.id, profileJSON: try profile.json()) }
        cache.invalidate(device: profile.id)
        return EditedResponse(status: existed ? .ok : .created, response: profile)
    }
}

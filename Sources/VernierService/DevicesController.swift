import Foundation
import Hummingbird
import VernierKit
import VernierModel
import VernierProfiler
import VernierStore

/// `/v1/devices`: list, read and register device profiles; reading one also lists its LUTs and
/// calibrated models.
struct DevicesController {
    let access: StoreAccess
    let cache: PredictorCache
    let configuration: ServiceConfiguration

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

    /// The profile with the device's LUTs and calibrated models; 404 for an unknown device.
    @Sendable func show(_ request: Request, context: ServiceContext) async throws -> DeviceDetail {
        let id = try context.pathParameter("id")
        let profile = try await access.device(id)
        let directory = configuration.calibrationDirectory
        return try await access.run { [access] in
            DeviceDetail(profile: profile,
                         luts: try StoredLUT.all(store: access.store, device: id).map(DeviceDetail.LUT.init),
                         calibrations: CalibrationsController.rows(device: id, directory: directory))
        }
    }

    @Sendable func register(_ request: Request, context: ServiceContext) async throws -> EditedResponse<DeviceProfile> {
        let profile = try await request.decode(as: DeviceProfile.self, context: context)
        guard DeviceID.isValid(profile.id) else {
            throw ServiceError(.badRequest, "device id '\(profile.id)' must be \(DeviceID.rule)")
        }
        if let problem = profile.implausibleFigure { throw ServiceError(.badRequest, "device profile: \(problem)") }
        try context.requireAccess(toDevice: profile.id)
        let stored = try await access.run { try access.store.device(id: profile.id) }
        // A profile whose time base moved (its agent found the base had been measured while the
        // machine was busy) carries the entries stored on the old base along.
        let previous = stored.flatMap { try? JSONDecoder().decode(DeviceProfile.self, from: Data($0.profile.utf8)) }
        try await access.run {
            _ = try TimeBaseRebase.follow(store: access.store, device: profile.id, stored: previous, incoming: profile)
            try access.store.saveDevice(id: profile.id, profileJSON: try profile.json())
        }
        let existed = stored != nil
        cache.invalidate(device: profile.id)
        return EditedResponse(status: existed ? .ok : .created, response: profile)
    }
}

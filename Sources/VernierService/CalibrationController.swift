import Foundation
import Hummingbird
import VernierKit
import VernierModel
import VernierPredict
import VernierStore

/// `POST /v1/devices/{id}/calibrate`: few-shot transfer calibration of a device from archs
/// measured on it and the reference devices in the store; the model becomes the device's
/// `calibrated` predictor for the space.
struct CalibrationController {
    let access: StoreAccess
    let configuration: ServiceConfiguration

    /// Most measured archs one request may carry.
    static let maxMeasurements = 10_000

    func addRoutes(to group: RouterGroup<ServiceContext>) {
        group.post(":id/calibrate", use: calibrate)
    }

    @Sendable func calibrate(_ request: Request, context: ServiceContext) async throws -> TransferCalibrationReport {
        let id = try context.pathParameter("id")
        try context.requireAccess(toDevice: id)
        _ = try await access.device(id)
        let body = try await request.decode(as: CalibrateRequest.self, context: context)
        let space: any SearchSpace
        do { space = try Spaces.named(body.space) } catch { throw ServiceError(.badRequest, "\(error)") }
        let side = body.resolution ?? space.defaultResolution
        if let problem = SizeLimits.check(side, in: SizeLimits.resolution, field: "field 'resolution'") {
            throw ServiceError(.badRequest, problem)
        }
        let spec = body.transfer ?? "all"
        guard !spec.isEmpty, spec.count <= 10_000 else { throw ServiceError(.badRequest, "field 'transfer' must be 'all' or device ids") }
        // The references come first: without them (an unknown device named, none with latencies
        // of the space) the store is not in a state to calibrate against (409).
        let references = try await access.run { [access] in
            try TransferCalibrationRun.references(spec, space: space, resolution: side, excluding: id, store: access.store,
                                                  location: "the service's store")
        }
        if let problem = space.resolutionProblem(body.resolution, field: "field 'resolution'") {
            throw ServiceError(.badRequest, problem)
        }
        guard body.measurements.count <= Self.maxMeasurements else {
            throw ServiceError(.badRequest, "\(body.measurements.count) measurements in one request; the limit is \(Self.maxMeasurements)")
        }
        guard body.measurements.count >= TransferFit.minimumRows else {
            throw ServiceError(.badRequest, "field 'measurements' has \(body.measurements.count) archs; a transfer fit needs at least \(TransferFit.minimumRows)")
        }
        let train = body.train ?? body.measurements.count
        guard (TransferFit.minimumRows...body.measurements.count).contains(train) else {
            throw ServiceError(.badRequest, "field 'train' = \(train) is not in \(TransferFit.minimumRows)...\(body.measurements.count)")
        }
        let seed = body.seed ?? 1
        guard seed >= 0 else {
            throw ServiceError(.badRequest, "field 'seed' must not be negative")
        }
        var measured: [CalibrationRun.Measured] = []
        var seen: [String: Int] = [:]
        for (index, row) in body.measurements.enumerated() {
            guard row.latencyMs.isFinite, row.latencyMs > 0, row.latencyMs <= 1e7 else {
                throw ServiceError(.badRequest, "measurements[\(index)].latency_ms = \(row.latencyMs) is not in (0, 1e7] ms")
            }
            let encoding: Encoding
            do { encoding = try space.parseOrNamed(row.arch) } catch {
                throw ServiceError(.badRequest, "measurements[\(index)].arch: \(error)")
            }
            let canonical = space.format(encoding)
            if let first = seen[canonical] {
                throw ServiceError(.badRequest, "measurements[\(index)]: arch \(canonical) is listed twice (first at \(first))")
            }
            seen[canonical] = index
            measured.append(CalibrationRun.Measured(arch: canonical, encoding: encoding, latencyMs: row.latencyMs))
        }
        // The fit is seconds of CPU: it runs on the store's queue, off the cooperative threads.
        let rows = measured
        let result = try await access.run {
            try TransferCalibrationRun.fit(rows, references: references, space: space, resolution: side, train: train,
                                           seed: UInt64(seed), device: id, source: "service:\(id)")
        }
        let path = CalibrationFiles.path(directory: configuration.calibrationDirectory, device: id, space: space.name)
        do {
            try FileManager.default.createDirectory(atPath: configuration.calibrationDirectory, withIntermediateDirectories: true)
            try result.model.json().write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw ServiceError(.internalServerError, "cannot write the calibration: \(error.localizedDescription)")
        }
        return TransferCalibrationReport(result: result, device: id, space: space.name, source: "service:\(id)", model: path,
                                         filtered: 0)
    }
}

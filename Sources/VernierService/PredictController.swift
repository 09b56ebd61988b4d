import Foundation
import Hummingbird
import VernierKit
import VernierModel
import VernierPredict
import VernierProfiler
import VernierSearch
import VernierStore

/// `POST /v1/predict`: latencies of a batch of archs on a device, in input order.
struct PredictController {
    let access: StoreAccess
    let configuration: ServiceConfiguration
    let metrics: ServiceMetrics
    let cache: PredictorCache

    func addRoutes(to group: RouterGroup<ServiceContext>) {
        group.post(use: predict)
    }

    @Sendable func predict(_ request: Request, context: ServiceContext) async throws -> PredictResponse {
        let body = try await request.decode(as: PredictRequest.self, context: context)
        switch (body.archs, body.sample) {
        case (let archs?, nil):
            guard archs.count <= configuration.maxPredictArchs else {
                throw ServiceError(.badRequest, "\(archs.count) archs in one request; the limit is \(configuration.maxPredictArchs)")
            }
            guard !archs.isEmpty else { throw ServiceError(.badRequest, "field 'archs' is empty") }
        case (nil, let count?):
            if let problem = SizeLimits.check(count, in: 1...configuration.maxPredictArchs, field: "field 'sample'") {
                throw ServiceError(.badRequest, problem)
            }
        default:
            throw ServiceError(.badRequest, "give either 'archs' (arch strings) or 'sample' (how many to sample), not both or neither")
        }
        let space: any SearchSpace
        do { space = try Spaces.named(body.space) } catch { throw ServiceError(.badRequest, "\(error)") }
        let sampled = body.sample.map { space.sampleDistinct(count: $0, seed: body.seed ?? 1).map(space.format) }
        let archs = body.archs ?? sampled ?? []
        let profile = try await access.device(body.device)
        let side = body.resolution ?? space.defaultResolution
        if let problem = space.resolutionProblem(body.resolution, field: "field 'resolution'") {
            throw ServiceError(.badRequest, problem)
        }
        let name = body.predictor ?? "lut"
        let encodings = try archs.enumerated().map { index, text in
            do { return try space.parseOrNamed(text) } catch {
                throw ServiceError(.badRequest, "archs[\(index)]: \(error)")
            }
        }
        let compiled = try await compiledPredictor(name, profile: profile, space: space, backend: body.backend ?? BackendName.native,
                                                   resolution: side)
        var latencies: [Double] = []
        latencies.reserveCapacity(encodings.count)
        for (index, encoding) in encodings.enumerated() {
            do { latencies.append(try compiled.latency(of: encoding, arch: archs[index])) } catch {
                throw ServiceError(.unprocessableContent, "archs[\(index)]: \(error)")
            }
        }
        metrics.recordPredictions(latencies.count)
        return PredictResponse(device: profile.id, space: space.name, predictor: name, latencyMs: latencies, archs: sampled)
    }

    /// The device's predictor `name` for `space` at `side`, compiled (additive ones to per-choice
    /// tables) once and cached until the device's data or calibration changes: `/v1/predict` and
    /// `/v1/search` share it. A predictor that lacks data for the space is a 422.
    func compiledPredictor(_ name: String, profile: DeviceProfile, space: any SearchSpace, backend: String,
                           resolution side: Int) async throws -> PredictorLatency {
        let key = PredictorCache.Key(device: profile.id, space: space.name, predictor: name, backend: backend, resolution: side,
                                     version: name == "calibrated" ? calibrationDate(profile: profile, space: space) : nil)
        return try await cache.predictor(key) {
            let predictor = try await makePredictor(name, profile: profile, space: space, backend: backend)
            do {
                return try PredictorLatency(name: name, predictor: predictor, space: space, resolution: side, source: profile.id)
            } catch { throw ServiceError(.unprocessableContent, "\(error)") }
        }
    }

    /// Path of the calibration file of a device and space.
    func calibrationPath(profile: DeviceProfile, space: any SearchSpace) -> String {
        CalibrationFiles.path(directory: configuration.calibrationDirectory, device: profile.id, space: space.name)
    }

    /// When the calibration file last changed (nil if there is none).
    func calibrationDate(profile: DeviceProfile, space: any SearchSpace) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: calibrationPath(profile: profile, space: space)))?[.modificationDate] as? Date
    }

    /// The predictor `name` for the device and space: the device's stored LUT on `backend`, its
    /// profile's roofline or peak, or its calibration file in the calibration directory.
    func makePredictor(_ name: String, profile: DeviceProfile, space: any SearchSpace, backend: String) async throws -> any LatencyPredictor {
        let calibration = calibrationPath(profile: profile, space: space)
        let spaceName = space.name
        return try await access.run { [access] in
            try PredictorFactory(store: { access.store }, profile: { _ in profile }).make(
                try PredictorKind(parsing: name), space: spaceName, device: profile.id,
                lut: .stored(device: profile.id, backend: backend), calibration: calibration)
        }
    }
}

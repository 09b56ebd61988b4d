import Foundation
import Hummingbird
import VernierModel
import VernierPredict
import VernierProfiler
import VernierStore

/// `POST /v1/predict`: latencies of a batch of archs on a device, in input order.
struct PredictController {
    let access: StoreAccess
    let configuration: ServiceConfiguration
    let metrics: ServiceMetrics

    func addRoutes(to group: RouterGroup<ServiceContext>) {
        group.post(use: predict)
    }

    @Sendable func predict(_ request: Request, context: ServiceContext) async throws -> PredictResponse {
        let body = try await request.decode(as: PredictRequest.self, context: context)
        guard body.archs.count <= configuration.maxPredictArchs else {
            throw ServiceError(.contentTooLarge, "\(body.archs.count) archs in one request; the limit is \(configuration.maxPredictArchs)")
        }
        guard !body.archs.isEmpty else { throw ServiceError(.badRequest, "field 'archs' is empty") }
        let space: any SearchSpace
        do { space = try Spaces.named(body.space) } catch { throw ServiceError(.badRequest, "\(error)") }
        let profile = try access.device(body.device)
        let side = body.resolution ?? space.defaultResolution
        let name = body.predictor ?? "lut"
        let architectures = try body.archs.enumerated().map { index, text in
            do { return space.architecture(try space.parseOrNamed(text), resolution: side) } catch {
                throw ServiceError(.badRequest, "archs[\(index)]: \(error)")
            }
        }
        let predictor = try makePredictor(name, profile: profile, space: space, backend: body.backend ?? "native")
        var latencies: [Double] = []
        latencies.reserveCapacity(architectures.count)
        for (index, architecture) in architectures.enumerated() {
            do { latencies.append(try predictor.predict(architecture)) } catch {
                throw ServiceError(.unprocessableContent, "archs[\(index)]: \(error)")
            }
        }
        metrics.recordPredictions(latencies.count)
        return PredictResponse(device: profile.id, space: space.name, predictor: name, latencyMs: latencies)
    }

    /// The predictor `name` for the device and space.
    func makePredictor(_ name: String, profile: DeviceProfile, space: any SearchSpace, backend: String) throws -> any LatencyPredictor {
        switch name {
        case "lut":
            let records = try access.run { try access.store.lutEntries(device: profile.id, backend: backend) }
            guard !records.isEmpty else {
                throw ServiceError(.notFound, "device \(profile.id) has no \(backend) LUT; profile it or push a LUT first")
            }
            return LUTSumPredictor(lut: Dictionary(uniqueKeysWithValues: records.map { ($0.key, $0.medianMs) }))
        case "roofline":
            do {
                return RooflinePredictor(roofline: try RooflineModel(profile: profile,
                                                                     threads: profile.measurementSettings?.threads ?? profile.threads))
            } catch { throw ServiceError(.notFound, "\(error)") }
        case "flops":
            guard let roofline = profile.roofline else {
                throw ServiceError(.notFound, "device \(profile.id) has no roofline yet; run `vernier roofline` on it")
            }
            return FLOPsPredictor(gflops: roofline.sgemmGflops)
        case "calibrated":
            let path = URL(fileURLWithPath: configuration.calibrationDirectory)
                .appendingPathComponent("\(profile.id)-\(space.name).json").path
            guard FileManager.default.fileExists(atPath: path) else {
                throw ServiceError(.notFound, "no calibration for \(profile.id) and \(space.name) (looked for \(path))")
            }
            do {
                let model = try CalibrationModel.load(path: path)
                try model.check(space: space.name, device: profile.id)
                return CalibratedPredictor(calibration: model)
            } catch { throw ServiceError(.unprocessableContent, "\(path): \(error)") }
        default:
            throw ServiceError(.badRequest, "unknown predictor '\(name)'; allowed: lut, roofline, flops, calibrated")
        }
    }
}

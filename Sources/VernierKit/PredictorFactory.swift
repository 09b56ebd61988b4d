import Foundation
import VernierModel
import VernierPredict
import VernierStore

/// Builds a latency predictor from its kind and where its data lives: the one factory behind the
/// CLI's `--predictor` options and the service's `/v1/predict` and `/v1/search`.
public struct PredictorFactory {
    /// The store, opened only when a predictor needs it (a calibration file alone does not).
    let store: () throws -> Store
    /// How a device id (`nil`: this machine) becomes its profile: the CLI also reads
    /// `device-profiles/` and probes this machine; the service only asks the store.
    let profile: (String?) throws -> DeviceProfile

    /// Creates a factory over `store`, resolving devices with `profile`.
    public init(store: @escaping () throws -> Store, profile: @escaping (String?) throws -> DeviceProfile) {
        self.store = store
        self.profile = profile
    }

    /// The predictor `kind` for `space` on `device`.
    /// - Parameters:
    ///   - lut: where `lut` reads its table.
    ///   - calibration: the calibration file `calibrated` loads (required for it).
    /// - Throws: ``UseCaseError``: a missing LUT, roofline or calibration is `notFound`; a
    ///   calibration for another space or device, or an unreadable one, is `unprocessable`.
    public func make(_ kind: PredictorKind, space: String, device: String?, lut: LUTSource,
                     calibration: String?) throws -> any LatencyPredictor {
        switch kind {
        case .calibrated:
            guard let calibration else {
                throw UseCaseError(.badInput, "the calibrated predictor needs a calibration file")
            }
            return CalibratedPredictor(calibration: try Self.calibration(path: calibration, space: space, device: device))
        case .lut:
            return LUTSumPredictor(lut: try lut.table(store: store()))
        case .roofline:
            let profile = try profile(device)
            do { return RooflinePredictor(roofline: try RooflineModel(profile: profile)) } catch {
                throw UseCaseError(.notFound, "\(error)")
            }
        case .flops:
            let profile = try profile(device)
            do { return try FLOPsPredictor(profile: profile) } catch { throw UseCaseError(.notFound, "\(error)") }
        }
    }

    /// The calibration model in `path`, checked to be for `space` (and `device`, when given).
    /// - Throws: ``UseCaseError``: no such file is `notFound`; an unreadable file or one for
    ///   another space or device is `unprocessable`.
    public static func calibration(path: String, space: String, device: String?) throws -> CalibrationModel {
        guard FileManager.default.fileExists(atPath: path) else {
            throw UseCaseError(.notFound, "no calibration file \(path)")
        }
        do {
            let model = try CalibrationModel.load(path: path)
            try model.check(space: space, device: device)
            return model
        } catch {
            throw UseCaseError(.unprocessable, "\(path): \(error.message)")
        }
    }
}

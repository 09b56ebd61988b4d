import ArgumentParser
import Foundation
import VernierKit
import VernierKit
import VernierModel
import VernierPredict
import VernierProfiler
import VernierStore

/// `--device`, `--backend`, `--lut`, `--calibration`, `--predictor`: which latency predictor a
/// command uses and where its data comes from.
struct PredictorOptions: ParsableArguments {
    @Option(help: "Device whose LUT, roofline and measurements to use (default: this machine).")
    var device: String?

    @Option(help: "Backend whose LUT and measurements to use.")
    var backend = BackendName.native

    @Option(help: "A LUT file (lut/<device>/<space>.json) instead of the device's stored LUT.")
    var lut: String?

    @Option(help: "A calibration file (calibration/<device>-<space>.json).")
    var calibration: String?

    @Option(help: "flops, roofline, lut or calibrated (default: calibrated with --calibration, else lut).")
    var predictor: String?

    func validate() throws {
        if let predictor {
            do { _ = try PredictorKind(parsing: predictor, field: "--predictor") } catch { throw ValidationError(error.message) }
        }
        if predictor == "calibrated" && calibration == nil {
            throw ValidationError("--predictor calibrated needs --calibration FILE")
        }
    }

    /// The predictor's kind after defaults: calibrated with --calibration, else lut.
    var kind: PredictorKind { predictor.flatMap(PredictorKind.init(rawValue:)) ?? (calibration != nil ? .calibrated : .lut) }

    /// Where the LUT comes from: `--lut`, or the device's stored entries on `--backend`.
    var lutSource: LUTSource { LUTSource(file: lut, device: device, backend: backend) }

    /// Builds the chosen predictor for `space`.
    func make(space: String, store: @escaping @autoclosure () throws -> Store) throws -> any LatencyPredictor {
        try PredictorFactory(store: store, profile: { try DeviceRegistry.profile(id: $0, store: store()) })
            .make(kind, space: space, device: device, lut: lutSource, calibration: calibration)
    }

    /// Layer key → median ms, from `--lut` or the device's stored entries.
    func lutTable(store: Store) throws -> [String: Double] {
        try lutSource.table(store: store)
    }

    /// The device's roofline at the threads its measurements used.
    func roofline(store: Store) throws -> RooflineModel {
        try RooflineModel(profile: DeviceRegistry.profile(id: device, store: store))
    }
}

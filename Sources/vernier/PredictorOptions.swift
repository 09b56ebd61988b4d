import ArgumentParser
import Foundation
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
    var backend = "native"

    @Option(help: "A LUT file (lut/<device>/<space>.json) instead of the device's stored LUT.")
    var lut: String?

    @Option(help: "A calibration file (calibration/<device>-<space>.json).")
    var calibration: String?

    @Option(help: "flops, roofline, lut or calibrated (default: calibrated with --calibration, else lut).")
    var predictor: String?

    func validate() throws {
        if let predictor, !["flops", "roofline", "lut", "calibrated"].contains(predictor) {
            throw ValidationError("unknown --predictor '\(predictor)'; allowed: flops, roofline, lut, calibrated")
        }
        if predictor == "calibrated" && calibration == nil {
            throw ValidationError("--predictor calibrated needs --calibration FILE")
        }
    }

    /// The predictor's name after defaults.
    var chosen: String { predictor ?? (calibration != nil ? "calibrated" : "lut") }

    /// Builds the chosen predictor for `space`.
    func make(space: String, store: @autoclosure () throws -> Store) throws -> any LatencyPredictor {
        switch chosen {
        case "calibrated":
            let model = try CalibrationModel.load(path: calibration!)
            try model.check(space: space, device: device)
            return CalibratedPredictor(calibration: model)
        case "lut":
            return LUTSumPredictor(lut: try lutTable(store: store()))
        case "roofline":
            return RooflinePredictor(roofline: try roofline(store: store()))
        default:
            return try FLOPsPredictor(profile: DeviceRegistry.profile(id: device, store: store()))
        }
    }

    /// Layer key → median ms, from `--lut` or the device's stored entries.
    func lutTable(store: Store) throws -> [String: Double] {
        try Self.lutTable(lut: lut, device: device, backend: backend, store: store)
    }

    /// Layer key → median ms, from the LUT file `lut` or `device`'s stored entries for `backend`.
    static func lutTable(lut: String?, device: String?, backend: String, store: Store) throws -> [String: Double] {
        if let lut {
            return try LUTFile.load(path: lut).entries.mapValues(\.medianMs)
        }
        let id = device ?? DeviceProbe.thisMachineID()
        let table = try store.lutTable(device: id, backend: backend)
        guard !table.isEmpty else {
            throw CLIError(.badInput, "no LUT for device \(id) and backend \(backend) in \(store.path); run `vernier profile --space …` or give --lut FILE")
        }
        return table
    }

    /// Where the LUT came from, for calibration files.
    var lutSource: String { Self.lutSource(lut: lut, device: device, backend: backend) }

    /// `lut`, or `<device>/<backend>` for a stored LUT.
    static func lutSource(lut: String?, device: String?, backend: String) -> String {
        lut ?? "\(device ?? DeviceProbe.thisMachineID())/\(backend)"
    }

    /// The device's roofline at the threads its measurements used.
    func roofline(store: Store) throws -> RooflineModel {
        try RooflineModel(profile: DeviceRegistry.profile(id: device, store: store))
    }
}

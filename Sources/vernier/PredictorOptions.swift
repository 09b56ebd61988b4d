import ArgumentParser
import Foundation
import VernierKit
import VernierModel
import VernierPredict
import VernierProfiler
import VernierStore

/// `--device`, `--backend`, `--lut`, `--calibration`, `--predictor`: which latency predictor a
/// command uses and where its data comes from.
///
/// The calibrated predictor has the name `search --latency` gives it: `--predictor calibrated:FILE`
/// (parsed by the same ``LatencySpec``); `--calibration FILE`, alone or with `--predictor calibrated`,
/// means the same.
struct PredictorOptions: ParsableArguments {
    @Option(help: "Device whose LUT, roofline and measurements to use (default: this machine); predict takes several, a,b,c, one column each.")
    var device: String?

    @Option(help: "Backend whose LUT and measurements to use.")
    var backend = BackendName.native

    @Option(help: "A LUT file (lut/<device>/<space>.json) instead of the device's stored LUT.")
    var lut: String?

    @Option(help: "A calibration file (calibration/<device>-<space>.json): the same as --predictor calibrated:FILE.")
    var calibration: String?

    @Option(help: "Predictor: flops, roofline, lut (the device's stored LUT, or --lut FILE), or calibrated:FILE (default: calibrated with --calibration, else lut).")
    var predictor: String?

    func validate() throws {
        if let predictor, calibratedFile == nil, PredictorKind(rawValue: predictor) == nil {
            throw ValidationError("unknown --predictor '\(predictor)'; allowed: \(PredictorKind.names.joined(separator: ", ")), calibrated:FILE")
        }
        if let calibratedFile, let calibration, calibratedFile != calibration {
            throw ValidationError("--predictor calibrated:\(calibratedFile) and --calibration \(calibration) name two calibration files; give one")
        }
        if predictor == PredictorKind.calibrated.rawValue && calibration == nil {
            throw ValidationError("--predictor calibrated needs a file: --predictor calibrated:FILE (or --calibration FILE)")
        }
    }

    /// The file of `--predictor calibrated:FILE`, parsed as `search --latency` parses it.
    var calibratedFile: String? {
        guard let predictor, case .calibrated(let path)? = try? LatencySpec(parsing: predictor) else { return nil }
        return path
    }

    /// The calibration file: `--predictor calibrated:FILE` or `--calibration FILE`.
    var calibrationFile: String? { calibratedFile ?? calibration }

    /// The predictor's kind after defaults: calibrated with a calibration file, else lut.
    var kind: PredictorKind {
        if calibratedFile != nil { return .calibrated }
        return predictor.flatMap(PredictorKind.init(rawValue:)) ?? (calibration != nil ? .calibrated : .lut)
    }

    /// `--device` split at its commas (`predict --device a,b,c`), each name trimmed; empty without `--device`.
    var devices: [String] {
        guard let device else { return [] }
        return device.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// These options for the one device `id` (one of ``devices``).
    func forDevice(_ id: String) -> PredictorOptions {
        var options = self
        options.device = id
        return options
    }

    /// Where the LUT comes from: `--lut`, or the device's stored entries on `--backend`.
    var lutSource: LUTSource { LUTSource(file: lut, device: device, backend: backend) }

    /// Builds the chosen predictor for `space`.
    func make(space: String, store: @escaping @autoclosure () throws -> Store) throws -> any LatencyPredictor {
        try PredictorFactory(store: store, profile: { try DeviceRegistry.profile(id: $0, store: store()) })
            .make(kind, space: space, device: device, lut: lutSource, calibration: calibrationFile)
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

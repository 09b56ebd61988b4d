import ArgumentParser
import Foundation
import VernierKit
import VernierModel
import VernierPredict
import VernierProfiler
import VernierStore

/// `vernier calibrate`: fit the calibrated predictor from measured archs (this device's stored
/// end-to-end measurements, or a CSV column of another device's) and report it on held-out archs.
struct CalibrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Fit baseline + residual linear models on measured archs; report k-fold CV and held-out accuracy; save calibration/<device>-<space>.json.")

    @Option(help: "Search space.")
    var space: String

    @Option(help: "Measurements CSV (header: arch or arch_str, one latency column per device, ms) instead of stored measurements.")
    var measurements: String?

    @Option(help: "Latency column of the CSV.")
    var column: String?

    @Option(help: "Training archs.")
    var train = 100

    @Option(help: "Held-out archs at most (default: all the others).")
    var test: Int?

    @Option(help: "Seed of the train/test split, folds and RANSAC.")
    var seed: UInt64 = 1

    @Option(help: "Fit method: ols, huber or ransac.")
    var fit: FitMethod = .ols

    @Option(help: "Folds of the cross-validation on the training set.")
    var folds = 5

    @Option(help: "Residual features, comma-separated (default: LUT sum, roofline terms, activation MB, layers, per-op MACs and counts).")
    var features: String?

    @Flag(name: .customLong("lut-feature"), help: "With --measurements: also use this device's LUT sum as a feature.")
    var lutFeature = false

    @Option(name: .customLong("min-ms"), help: "With --measurements: drop archs faster than this (degenerate archs).")
    var minMs = 0.1

    @Option(help: "Input resolution (default: the space's).")
    var resolution: Int?

    @Option(help: "Where to save the model (default: calibration/<device>-<space>.json; a runner backend's measurements: calibration/<device>-<space>-runner-<hash>.json).")
    var out: String?

    @Flag(help: "Replace a model in the output file that was fitted from other data (another device, space, resolution or source).")
    var force = false

    @Option(help: "Few-shot transfer from reference devices in the store: 'all', or DEV[/BACKEND] (end-to-end latencies; import public tables with `vernier device import`) and lut:DEV[/BACKEND] (a profiled device's LUT sum), comma-separated.")
    var transfer: String?

    @Option(help: "Write an SVG of predicted against measured latency to FILE (log-log, y = x, ±10 % band; held-out and training archs in different marks). Not with --transfer.")
    var plot: String?

    @OptionGroup var predictorOptions: PredictorOptions
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        try ResolutionRule.check(resolution, space: space)
        if (measurements == nil) != (column == nil) { throw ValidationError("--measurements and --column go together") }
        if train < 2 { throw ValidationError("--train must be at least 2") }
        if let test, test < 1 { throw ValidationError("--test must be at least 1") }
        if folds < 2 { throw ValidationError("--folds must be at least 2") }
        if plot != nil && transfer != nil { throw ValidationError("--plot does not go with --transfer") }
    }

    func run() throws {
        let searchSpace = try Spaces.named(space)
        let side = resolution ?? searchSpace.defaultResolution
        if let problem = SizeLimits.check(side, in: SizeLimits.resolution, field: "--resolution") { throw CLIError(.badInput, problem) }
        let store = try storeOptions.open()
        if let transfer {
            return try runTransfer(transfer, space: searchSpace, resolution: side, store: store)
        }
        let (measured, device, source, filtered, profile) = try targetRows(space: searchSpace, resolution: side, store: store)
        var lut: [String: Double]?
        var roofline: RooflineModel?
        var flopsRate: Double?
        if let profile {
            guard measured.count > train else {
                throw CLIError(.badInput, "only \(measured.count) measured \(space) archs (\(side) px) for device \(device) in \(store.path); --train \(train) needs more: run `vernier measure --space \(space) --count \(train + 200)`")
            }
            lut = try predictorOptions.lutTable(store: store)
            roofline = try predictorOptions.roofline(store: store)
            flopsRate = profile.roofline?.sgemmGflops
        } else if lutFeature {
            var local = predictorOptions
            local.device = nil
            lut = try local.lutTable(store: store)
        }
        let extractor = FeatureExtractor(lut: lut, roofline: roofline,
                                         layerKeys: searchSpace.distinctLayers(resolution: side).map(\.key))
        let residual = features.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        let calibration = CalibrationRun(space: searchSpace, resolution: side, extractor: extractor, method: fit,
                                         residualFeatures: residual, train: train, test: test, seed: seed, folds: folds,
                                         flopsRate: flopsRate)
        let result = try calibration.run(measured, device: device, source: source, lutSource: predictorOptions.lutSource.description)
        let path = try save(result.model, device: device)
        if let plot {
            let title = "Calibration of \(searchSpace.name) on \(device): predicted vs measured (fit \(fit.rawValue))"
            let svg = CalibrationPlot(title: title, training: result.trainingPredictions, heldOut: result.heldOutPredictions).svg()
            try FileOutput.write(Data(svg.utf8), to: plot)
        }
        let report = CalibrationOutput(holdout: result.holdout, crossValidation: result.crossValidation,
                                       comparison: result.comparison, features: result.residualFeatures,
                                       featureSet: result.featureSet, fit: fit.rawValue,
                                       device: device, space: space, source: source, model: path, filtered: filtered,
                                       trainingHash: result.model.trainingHash)
        if output.json { return try JSONOutput.print(report) }
        JSONOutput.write(report.text)
    }
}

extension CalibrateCommand {
    /// `--transfer`: the target's archs (CSV column or stored measurements) and the references'.
    func runTransfer(_ spec: String, space searchSpace: any SearchSpace, resolution side: Int, store: Store) throws {
        let (measured, device, source, filtered, _) = try targetRows(space: searchSpace, resolution: side, store: store)
        guard measured.count >= train else {
            throw CLIError(.badInput, "only \(measured.count) measured \(space) archs for device \(device); --train \(train) needs that many (measure them, e.g. the ones `vernier arch suggest --space \(space) --count \(train) --transfer \(spec)` picks)")
        }
        let references = try TransferCalibrationRun.references(spec, space: searchSpace, resolution: side, excluding: device,
                                                               store: store)
        let result = try TransferCalibrationRun.fit(measured, references: references, space: searchSpace, resolution: side,
                                                    train: train, seed: seed, device: device, source: source)
        let path = try save(result.model, device: device)
        let report = TransferCalibrationReport(result: result, device: device, space: space, source: source, model: path, filtered: filtered)
        if output.json { return try JSONOutput.print(report) }
        JSONOutput.write(report.text)
    }
}

extension CalibrateCommand {
    /// Writes `model` to `--out` or its default file (named by the backend its measurements came
    /// from), refusing to replace a model fitted from other data without `--force`.
    func save(_ model: CalibrationModel, device: String) throws -> String {
        let backend = measurements == nil ? predictorOptions.backend : BackendName.native
        let path = out ?? CalibrationFiles.defaultPath(device: device, space: space, backend: backend)
        try CalibrationFiles.checkOverwrite(path, with: model, force: force)
        try FileOutput.write(try model.json(), to: path)
        return path
    }

    /// The target's measured archs: a CSV column, or the device's stored measurements (then with
    /// its profile).
    func targetRows(space searchSpace: any SearchSpace, resolution side: Int, store: Store) throws
        -> (measured: [CalibrationRun.Measured], device: String, source: String, filtered: Int, profile: DeviceProfile?) {
        if let measurements, let column {
            let table = try MeasurementTable.load(path: measurements, space: searchSpace, column: column, minMs: minMs)
            return (table.rows.map { CalibrationRun.Measured(arch: $0.arch, encoding: $0.encoding, latencyMs: $0.latencyMs) },
                    predictorOptions.device ?? column, MeasurementTable.source(path: measurements, column: column), table.filtered, nil)
        }
        let profile = try DeviceRegistry.profile(id: predictorOptions.device, store: store)
        let records = try store.archMeasurements(device: profile.id, backend: predictorOptions.backend, space: space, resolution: side)
        let measured = try records.map { CalibrationRun.Measured(arch: $0.arch, encoding: try searchSpace.parse($0.arch), latencyMs: $0.stats.medianMs) }
        return (measured, profile.id, "measured:\(predictorOptions.backend)", 0, profile)
    }
}

extension FitMethod: ExpressibleByArgument {}

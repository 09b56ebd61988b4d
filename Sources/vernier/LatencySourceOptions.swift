import ArgumentParser
import VernierKit
import VernierModel
import VernierPredict
import VernierProfiler
import VernierSearch
import VernierStore

/// `--latency lut|calibrated:F|table:CSV#COL` and the `--device`, `--backend`, `--lut` it reads.
struct LatencySourceOptions: ParsableArguments {
    @Option(help: "Latency source: lut (the device's stored LUT, or --lut FILE), calibrated:FILE, or table:CSV#COLUMN.")
    var latency = "lut"

    @Option(help: "Device whose LUT to use (default: this machine).")
    var device: String?

    @Option(help: "Backend whose LUT to use.")
    var backend = BackendName.native

    @Option(help: "A LUT file (lut/<device>/<space>.json) instead of the device's stored LUT.")
    var lut: String?

    /// Builds the source for `space` at `resolution`; a predictor that lacks data for the space
    /// fails naming `--latency`.
    func make(space: any SearchSpace, resolution: Int, store: Store) throws -> any LatencySource {
        do { return try source(space: space, resolution: resolution, store: store) } catch let error as SearchError {
            throw SearchError(error.code, "--latency \(error.message)")
        }
    }

    /// The source `--latency` names.
    private func source(space: any SearchSpace, resolution: Int, store: Store) throws -> any LatencySource {
        if latency == "lut" {
            let source = LUTSource(file: lut, device: device, backend: backend)
            return try PredictorLatency(name: "lut", predictor: LUTSumPredictor(lut: try source.table(store: store)), space: space,
                                        resolution: resolution, source: source.description)
        }
        if latency.hasPrefix("calibrated:") {
            let path = String(latency.dropFirst("calibrated:".count))
            let model = try PredictorFactory.calibration(path: path, space: space.name, device: device)
            return try PredictorLatency(name: latency, predictor: CalibratedPredictor(calibration: model), space: space,
                                        resolution: resolution, source: path)
        }
        if latency.hasPrefix("table:") {
            return try TableLatency(spec: String(latency.dropFirst("table:".count)), space: space)
        }
        throw ValidationError("unknown --latency '\(latency)'; allowed: lut, calibrated:FILE, table:CSV#COLUMN")
    }
}

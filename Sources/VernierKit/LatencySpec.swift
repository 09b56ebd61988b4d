import VernierModel
import VernierPredict
import VernierSearch
import VernierStore

/// Where a search's latencies come from: the one parser behind `--latency`.
public enum LatencySpec: Sendable, Equatable {
    /// LUT sums (a device's stored LUT, or a LUT file).
    case lut
    /// A calibration file's predictions.
    case calibrated(path: String)
    /// A column of a latency CSV (`CSV#COLUMN`).
    case table(spec: String)

    /// Parses `lut`, `calibrated:FILE` or `table:CSV#COLUMN`.
    /// - Throws: ``UseCaseError`` (`badInput`) naming the value and the forms allowed.
    public init(parsing text: String) throws(UseCaseError) {
        if text == "lut" {
            self = .lut
        } else if text.hasPrefix("calibrated:"), text.count > "calibrated:".count {
            self = .calibrated(path: String(text.dropFirst("calibrated:".count)))
        } else if text.hasPrefix("table:"), text.count > "table:".count {
            self = .table(spec: String(text.dropFirst("table:".count)))
        } else {
            throw UseCaseError(.badInput, "unknown --latency '\(text)'; allowed: lut, calibrated:FILE, table:CSV#COLUMN")
        }
    }

    /// The spec as written.
    public var text: String {
        switch self {
        case .lut: "lut"
        case .calibrated(let path): "calibrated:\(path)"
        case .table(let spec): "table:\(spec)"
        }
    }

    /// The source for `space` at `resolution`; `lut` reads its table from `lut`, `calibrated`
    /// checks the file is for the space (and `device`, when given). A predictor that lacks data
    /// for the space fails naming `--latency`.
    public func source(space: any SearchSpace, resolution: Int, device: String?, lut: LUTSource,
                       store: @autoclosure () throws -> Store) throws -> any LatencySource {
        do {
            switch self {
            case .lut:
                return try PredictorLatency(name: text, predictor: LUTSumPredictor(lut: try lut.table(store: store())), space: space,
                                            resolution: resolution, source: lut.description)
            case .calibrated(let path):
                let model = try PredictorFactory.calibration(path: path, space: space.name, device: device)
                return try PredictorLatency(name: text, predictor: CalibratedPredictor(calibration: model), space: space,
                                            resolution: resolution, source: path)
            case .table(let spec):
                return try TableLatency(spec: spec, space: space)
            }
        } catch let error as SearchError {
            throw SearchError(error.code, "--latency \(error.message)")
        }
    }
}

import VernierModel

/// `surrogate:FILE` — accuracy predicted by a fitted ``SurrogateModel``.
public final class SurrogateAccuracy: AccuracyEstimator {
    /// The model.
    public let model: SurrogateModel
    private let path: String

    /// Loads the model at `path` for `space`.
    public init(path: String, space: any SearchSpace) throws(SearchError) {
        model = try SurrogateModel.load(path: path, space: space)
        self.path = path
    }

    public var name: String { "surrogate:\(path)" }

    public var notes: [String] {
        var line = "accuracy: \(model.kind) surrogate fitted to \(model.trainCount) archs of \(model.target)"
        if let report = model.heldOut {
            line += String(format: " (held-out n %d: Spearman %.3f, MAE %.3g)", report.n, report.spearman, report.mae)
        }
        return [line]
    }

    public func accuracy(of encoding: Encoding, arch: String) throws(SearchError) -> Double {
        model.table.value(encoding)
    }
}

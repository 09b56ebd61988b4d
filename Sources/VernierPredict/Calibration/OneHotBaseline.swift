import VernierModel

/// The reference few-shot predictor of the HELP / BRP-NAS comparisons: linear regression on a
/// one-hot encoding of the choice at every position, fitted on the same rows with the same
/// relative objective. Calibrations are reported against it.
public struct OneHotBaseline: Sendable {
    /// The fitted model (features `d<i>=<choice>`).
    public let model: LinearModel
    private let offsets: [Int]

    /// Fits the baseline on encodings of `space` and their latencies.
    public init(space: any SearchSpace, encodings: [Encoding], latencies: [Double]) throws(PredictError) {
        let (names, offsets) = Self.layout(space)
        self.offsets = offsets
        let width = names.count
        let rows = encodings.map { Self.row($0, offsets: offsets, width: width) }
        // Each decision's one-hot columns sum to the intercept column; dgelsd returns the
        // minimum-norm solution, so no column needs dropping.
        model = try LinearRegression.fit(rows: rows, targets: latencies, features: names, method: .ols)
    }

    /// Rebuilds a baseline from a model it fitted before (features `d<i>=<choice>` of `space`).
    /// - Throws: ``PredictError`` (`badCalibration`) when the model's features are not `space`'s.
    public init(space: any SearchSpace, model: LinearModel) throws(PredictError) {
        let (names, offsets) = Self.layout(space)
        guard names == model.features, model.coefficients.count == names.count else {
            throw PredictError(.badCalibration, "a one-hot model's features are not those of space '\(space.name)'")
        }
        self.offsets = offsets
        self.model = model
    }

    /// The one-hot columns of `space`: names `d<i>=<choice>` and where each decision starts.
    static func layout(_ space: any SearchSpace) -> (names: [String], offsets: [Int]) {
        var offsets: [Int] = []
        var names: [String] = []
        for (i, decision) in space.decisions.enumerated() {
            offsets.append(names.count)
            names += decision.choices.map { "d\(i)=\($0)" }
        }
        return (names, offsets)
    }

    static func row(_ encoding: Encoding, offsets: [Int], width: Int) -> [Double] {
        var row = [Double](repeating: 0, count: width)
        for (i, choice) in encoding.choices.enumerated() { row[offsets[i] + Int(choice)] = 1 }
        return row
    }

    /// The baseline's prediction for an encoding.
    public func predict(_ encoding: Encoding) -> Double {
        model.predict(Self.row(encoding, offsets: offsets, width: model.features.count))
    }
}

import VernierModel
import VernierPredict

/// `lut` or `calibrated:F` — latencies from one of Vernier's predictors. Where the predictor is
/// additive over the space's decisions (LUT sums and calibrated linear models over FBNet blocks),
/// it is compiled to a ``ChoiceTable`` once and every lookup is a few additions.
public final class PredictorLatency: LatencySource, Sendable {
    public let name: String
    private let predictor: any LatencyPredictor
    private let space: any SearchSpace
    private let resolution: Int
    public let choiceTable: ChoiceTable?
    private let source: String

    /// Wraps `predictor` for `space` at `resolution`.
    /// - Parameters:
    ///   - name: the spec, e.g. `lut` or `calibrated:calibration/x.json`.
    ///   - source: where its data came from, for notes.
    /// - Throws: ``SearchError`` (`badSpec`) when the predictor lacks data for the space (e.g. the
    ///   LUT misses a layer), naming it (`<name>: …`; front-ends add their own field or flag).
    public init(name: String, predictor: any LatencyPredictor, space: any SearchSpace, resolution: Int, source: String) throws(SearchError) {
        self.name = name
        self.predictor = predictor
        self.space = space
        self.resolution = resolution
        self.source = source
        do {
            choiceTable = try AdditiveTable.compile(space: space, resolution: resolution) { architecture throws(PredictError) in
                try predictor.predict(architecture)
            }.map(ChoiceTable.init)
        } catch {
            throw SearchError(.badSpec, "\(name): \(error.message)")
        }
    }

    public var notes: [String] {
        ["latency: \(predictor.name) predictor from \(source)"
            + (choiceTable != nil ? " (exactly additive over the space's decisions: compiled to a table)" : "")]
    }

    public func latency(of encoding: Encoding, arch: String) throws(SearchError) -> Double {
        if let choiceTable { return choiceTable.value(encoding) }
        do {
            return try predictor.predict(space.architecture(encoding, resolution: resolution))
        } catch {
            throw SearchError(.missingArch, "arch \(arch): \(error.message)")
        }
    }
}

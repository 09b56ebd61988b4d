import VernierModel

/// A device whose latencies a transfer fit learns from: what it measured (or what a public table
/// says) per arch, and a one-hot linear model of those latencies for archs it never ran.
public struct ReferenceDevice: Sendable {
    /// Device id.
    public var id: String
    /// Where the latencies came from (`imported from FILE#COLUMN`, `measured:native`).
    public var source: String
    /// Canonical arch string → latency, ms.
    public var latencies: [String: Double]
    /// One-hot model of ``latencies`` (nil until ``fitFallback(space:)``, or when the rows are too few).
    public var fallback: OneHotBaseline?

    /// Creates a reference from its latencies (every value positive and finite).
    /// - Throws: ``PredictError`` (`badMeasurements`) naming the device when it has no latencies
    ///   or one is not a positive number.
    public init(id: String, source: String, latencies: [String: Double]) throws(PredictError) {
        guard !latencies.isEmpty else {
            throw PredictError(.badMeasurements, "reference device '\(id)' has no latencies for this space and resolution")
        }
        if let bad = latencies.first(where: { !($0.value > 0) || !$0.value.isFinite }) {
            throw PredictError(.badMeasurements, "reference device '\(id)': latency \(bad.value) of arch \(bad.key) is not a positive number")
        }
        self.id = id
        self.source = source
        self.latencies = latencies
    }

    /// A profiled device as a reference: its LUT sum, compiled to one number per decision and
    /// choice, answers for every arch of an additive space (FBNet, NB201 cells with a fixed
    /// macro). Nil when the LUT lacks a layer of the space or the space is not additive.
    public init?(id: String, source: String, lut: [String: Double], space: any SearchSpace, resolution: Int) {
        let predictor = LUTSumPredictor(lut: lut)
        guard let table = try? AdditiveTable.compile(space: space, resolution: resolution, predict: { architecture throws(PredictError) in
            try predictor.predict(architecture)
        }) else { return nil }
        let names = OneHotBaseline.layout(space).names
        let model = LinearModel(features: names, coefficients: table.table, intercept: table.base, fit: .ols, rank: names.count + 1,
                                inliers: 0)
        guard let baseline = try? OneHotBaseline(space: space, model: model) else { return nil }
        self.id = id
        self.source = source
        latencies = [:]
        fallback = baseline
    }

    /// Fits the one-hot fallback when there are enough rows (decisions' choices + 2); otherwise
    /// the reference answers only for archs it has.
    public mutating func fitFallback(space: any SearchSpace) {
        guard !latencies.isEmpty else { return }
        let rows = latencies.compactMap { arch, ms in (try? space.parse(arch)).map { ($0, ms) } }
        fallback = try? OneHotBaseline(space: space, encodings: rows.map(\.0), latencies: rows.map(\.1))
    }

    /// The latency of an arch: its own measurement, else the fallback's (at least 1 % of the
    /// fastest measured arch, so a log never sees zero), else nil.
    public func latency(arch: String, encoding: Encoding) -> Double? {
        if let ms = latencies[arch] { return ms }
        guard let fallback else { return nil }
        return max(fallback.predict(encoding), floor)
    }

    /// Lowest value the fallback may answer.
    var floor: Double { latencies.isEmpty ? 1e-6 : 0.01 * latencies.values.min()! }
}

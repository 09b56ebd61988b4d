import VernierModel

/// A ``TransferModel`` ready to predict: reference latencies indexed by arch, fallbacks rebuilt,
/// feature positions resolved.
public struct TransferPredictor: LatencyPredictor {
    /// The model.
    public let model: TransferModel
    private let space: any SearchSpace
    private let index: [String: Int]
    private let fallbacks: [OneHotBaseline?]
    /// Lowest fallback answer per reference: 1 % of its fastest embedded latency.
    private let fallbackFloors: [Double]
    private let extractor = FeatureExtractor(lut: nil, roofline: nil)
    private let featurePositions: [Int]

    /// Compiles `model` for `space`.
    /// - Throws: ``PredictError`` (`badCalibration`) when the model is inconsistent.
    public init(model: TransferModel, space: any SearchSpace) throws(PredictError) {
        try model.check(space: space)
        self.model = model
        self.space = space
        index = Dictionary(model.archs.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        var fallbacks: [OneHotBaseline?] = []
        for reference in model.references {
            fallbacks.append(try reference.fallback.map { model throws(PredictError) in try OneHotBaseline(space: space, model: model) })
        }
        self.fallbacks = fallbacks
        fallbackFloors = model.references.map { 0.01 * ($0.latencies.compactMap { $0 }.min() ?? 1) }
        let extractor = FeatureExtractor(lut: nil, roofline: nil)
        featurePositions = model.features.map { extractor.index[$0]! }
    }

    public var name: String { "calibrated" }

    public func predict(_ architecture: Architecture) throws(PredictError) -> Double {
        let position = index[architecture.text]
        var encoding: Encoding?
        var referenceMs: [Double] = []
        referenceMs.reserveCapacity(model.references.count)
        for (r, reference) in model.references.enumerated() {
            if let position, let ms = reference.latencies[position] {
                referenceMs.append(ms)
                continue
            }
            guard let fallback = fallbacks[r] else {
                throw PredictError(.missingInput, "reference device \(reference.device) has no latency for arch \(architecture.text) and too few archs for a fallback model")
            }
            if encoding == nil {
                do { encoding = try space.parse(architecture.text) } catch {
                    throw PredictError(.missingInput, "arch \(architecture.text) is not a \(space.name) arch: \(error)")
                }
            }
            referenceMs.append(max(fallback.predict(encoding!), fallbackFloors[r]))
        }
        var features: [Double] = []
        if !featurePositions.isEmpty {
            let vector = try extractor.vector(architecture)
            features = featurePositions.map { vector[$0] }
        }
        return TransferFit.ensemble(model.members, referenceMs: referenceMs, features: features, names: model.features,
                                    floor: model.floorMs)
    }
}

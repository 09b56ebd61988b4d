import Foundation
import VernierModel

/// A whole transfer calibration: split the target's measured archs (seeded), fit ``TransferFit``
/// on the training archs and the reference devices' latencies of the same archs, embed what the
/// chosen references need in the model, and report it — on held-out archs when there are any,
/// by leave-one-out of the whole fit on the training archs — beside the same-N baselines: the
/// one-hot regression (HELP's), the MACs/params calibration without references, and each
/// reference alone fitted a·x + b.
public struct TransferCalibration: Sendable {
    /// The outcome.
    public struct Result: Sendable {
        /// The calibration file's content.
        public var model: CalibrationModel
        /// Held-out report (nil when every measured arch trained the model).
        public var holdout: AccuracyReport?
        /// Leave-one-out of the whole fit on the training archs.
        public var crossValidation: AccuracyReport
        /// Baselines on the held-out archs (on the training archs' leave-one-out without them).
        public var comparison: [String: AccuracyReport]
        /// References considered and their correlation, by decreasing correlation.
        public var correlations: [(device: String, correlation: Double)]
    }

    /// Space of the archs.
    public var space: any SearchSpace
    /// Resolution of the archs.
    public var resolution: Int
    /// Training archs (the rest are held out).
    public var train: Int
    /// Seed of the split.
    public var seed: UInt64
    /// The fit.
    public var fit: TransferFit

    /// Creates a calibration.
    public init(space: any SearchSpace, resolution: Int, train: Int, seed: UInt64, fit: TransferFit = TransferFit()) {
        self.space = space
        self.resolution = resolution
        self.train = train
        self.seed = seed
        self.fit = fit
    }

    /// Runs it.
    /// - Throws: ``PredictError``: too few archs, no usable reference, or a training arch no
    ///   reference covers (naming the arch and the reference).
    public func run(_ measured: [CalibrationRun.Measured], references input: [ReferenceDevice], device: String,
                    source: String) throws(PredictError) -> Result {
        guard train >= TransferFit.minimumRows else {
            throw PredictError(.tooFewRows, "--train \(train) is too few for a transfer fit; measure at least \(TransferFit.minimumRows) archs")
        }
        guard measured.count >= train else {
            throw PredictError(.tooFewRows, "\(measured.count) measured archs are fewer than --train \(train)")
        }
        guard !input.isEmpty else { throw PredictError(.missingInput, "no reference device has latencies for \(space.name) at \(resolution) px") }
        if let bad = measured.first(where: { !($0.latencyMs > 0) || !$0.latencyMs.isFinite }) {
            throw PredictError(.badMeasurements, "\(device): latency \(bad.latencyMs) ms of arch \(bad.arch) is not a positive number")
        }
        var rng = SplitMix64(seed: seed)
        let order = SeededShuffle.order(count: measured.count, rng: &rng)
        let trainRows = order.prefix(train).map { measured[$0] }
        let testRows = order.dropFirst(train).map { measured[$0] }
        // References that lack a training arch answer it from their one-hot fallback.
        var references = input
        for r in references.indices where trainRows.contains(where: { references[r].latencies[$0.arch] == nil }) {
            references[r].fitFallback(space: space)
            if references[r].fallback == nil, let missing = trainRows.first(where: { references[r].latencies[$0.arch] == nil }) {
                throw PredictError(.missingInput, "reference device \(references[r].id) has no latency for arch \(missing.arch) (line of the target's data) and too few archs (\(references[r].latencies.count)) to model it; leave it out of --transfer")
            }
        }
        let referenceMs = trainRows.map { row in references.map { $0.latency(arch: row.arch, encoding: row.encoding)! } }
        let extractor = FeatureExtractor(lut: nil, roofline: nil)
        let vectors = try trainRows.map { row throws(PredictError) in try extractor.vector(space.architecture(row.encoding, resolution: resolution)) }
        let names = TransferFit.defaultFeatures(vectors: vectors, extractor: extractor)
        let features = vectors.map { v in names.map { v[extractor.index[$0]!] } }
        let targets = trainRows.map(\.latencyMs)
        let outcome = try fit.fit(referenceMs: referenceMs, features: features, featureNames: names, targets: targets)
        let transfer = embed(outcome, references: references, features: names)
        let predictor = try TransferPredictor(model: transfer, space: space)
        // Leave-one-out of the whole procedure (reference ranking and weights included).
        var loo: [Double] = []
        for left in trainRows.indices {
            let rows = trainRows.indices.filter { $0 != left }
            let inner = try fit.fit(referenceMs: rows.map { referenceMs[$0] }, features: rows.map { features[$0] }, featureNames: names,
                                    targets: rows.map { targets[$0] })
            loo.append(inner.predict(referenceMs: referenceMs[left], featureValues: features[left], featureNames: names))
        }
        let crossValidation = AccuracyReport(predicted: loo, measured: targets, nTrain: train - 1)
        var holdout: AccuracyReport?
        var comparison: [String: AccuracyReport] = [:]
        let baseline = try baselineModel(vectors: vectors, targets: targets, extractor: extractor)
        if !testRows.isEmpty {
            let measuredTest = testRows.map(\.latencyMs)
            let architectures = testRows.map { space.architecture($0.encoding, resolution: resolution) }
            holdout = AccuracyReport(predicted: try architectures.map { a throws(PredictError) in try predictor.predict(a) },
                                     measured: measuredTest, nTrain: train)
            let testVectors = try architectures.map { a throws(PredictError) in try extractor.vector(a) }
            comparison["calibration_no_references"] = AccuracyReport(
                predicted: testVectors.map { v in baseline.predict(baseline.features.map { v[extractor.index[$0]!] }) },
                measured: measuredTest, nTrain: train)
            let oneHot = try OneHotRidge(space: space, encodings: trainRows.map(\.encoding), latencies: targets)
            comparison["one_hot"] = AccuracyReport(predicted: testRows.map { oneHot.predict($0.encoding) }, measured: measuredTest, nTrain: train)
            for j in outcome.ranking.prefix(5) {
                var reference = references[j]
                if testRows.contains(where: { reference.latencies[$0.arch] == nil }) && reference.fallback == nil {
                    reference.fitFallback(space: space)
                }
                let x = testRows.map { reference.latency(arch: $0.arch, encoding: $0.encoding) }
                guard x.allSatisfy({ $0 != nil }) else { continue }
                let line = try LinearRegression.fit(rows: referenceMs.map { [$0[j]] }, targets: targets, features: [reference.id], method: .ols)
                comparison["reference:\(reference.id)"] = AccuracyReport(predicted: x.map { line.predict([$0!]) }, measured: measuredTest, nTrain: train)
            }
        }
        let hashSamples = zip(trainRows, vectors).map { CalibrationSample(arch: $0.arch, features: $1, measuredMs: $0.latencyMs) }
        let model = CalibrationModel(
            device: device, space: space.name, resolution: resolution, source: source, fit: .ols, baseline: baseline,
            residual: LinearModel(features: [], coefficients: [], intercept: 0, fit: .ols, rank: 0, inliers: train),
            trainingHash: Calibrator.trainingHash(hashSamples), crossValidation: crossValidation, holdout: holdout,
            lut: nil, lutSource: nil, roofline: nil, transfer: transfer)
        let correlations = outcome.ranking.map { (device: references[$0].id, correlation: outcome.correlations[$0]) }
        return Result(model: model, holdout: holdout, crossValidation: crossValidation, comparison: comparison, correlations: correlations)
    }

    /// The MACs/params linear model on the training archs (the calibration without references).
    func baselineModel(vectors: [[Double]], targets: [Double], extractor: FeatureExtractor) throws(PredictError) -> LinearModel {
        let names = ["macs_m", "params_m"]
        return try LinearRegression.fit(rows: vectors.map { v in names.map { v[extractor.index[$0]!] } }, targets: targets,
                                        features: names, method: .ols)
    }

    /// The model file's transfer part: the references some member uses (with fallbacks and the
    /// latencies of every arch any of them has), members re-indexed to them.
    func embed(_ outcome: TransferFit.Outcome, references: [ReferenceDevice], features: [String]) -> TransferModel {
        let used = Array(Set(outcome.members.flatMap(\.references))).sorted()
        let position = Dictionary(uniqueKeysWithValues: used.enumerated().map { ($1, $0) })
        var archSet = Set<String>()
        for j in used { archSet.formUnion(references[j].latencies.keys) }
        let archs = archSet.sorted()
        let embedded = used.map { j in
            var reference = references[j]
            if reference.fallback == nil { reference.fitFallback(space: space) }
            return TransferReference(device: reference.id, source: reference.source, correlation: outcome.correlations[j],
                                     latencies: archs.map { reference.latencies[$0] }, fallback: reference.fallback?.model)
        }
        let members = outcome.members.map { member in
            var member = member
            member.references = member.references.map { position[$0]! }
            return member
        }
        let usedFeatures = features.filter { name in members.contains { $0.features.contains(name) } }
        let considered = Dictionary(outcome.ranking.map { (references[$0].id, outcome.correlations[$0]) }, uniquingKeysWith: { a, _ in a })
        return TransferModel(references: embedded, archs: archs, features: usedFeatures, members: members, floorMs: outcome.floor,
                             considered: considered)
    }
}

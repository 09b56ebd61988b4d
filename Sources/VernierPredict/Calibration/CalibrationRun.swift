import VernierModel

/// One whole calibration: split measured archs into training and held-out sets (seeded), fit the
/// two-step model, cross-validate it on the training set, report it on the held-out set, and
/// report the single predictors (LUT sum, roofline, FLOPs — raw and each fitted linearly on the
/// same rows), the baseline alone and the one-hot regression beside it.
public struct CalibrationRun: Sendable {
    /// A measured architecture.
    public struct Measured: Sendable {
        /// Canonical arch string.
        public var arch: String
        /// Its encoding.
        public var encoding: Encoding
        /// Measured latency, ms.
        public var latencyMs: Double

        /// Creates one.
        public init(arch: String, encoding: Encoding, latencyMs: Double) {
            self.arch = arch
            self.encoding = encoding
            self.latencyMs = latencyMs
        }
    }

    /// The outcome.
    public struct Result: Sendable {
        /// The fitted model, reports included.
        public var model: CalibrationModel
        /// Held-out report of the calibrated model.
        public var holdout: AccuracyReport
        /// K-fold report on the training set.
        public var crossValidation: AccuracyReport
        /// Other predictors on the same held-out archs, by name.
        public var comparison: [String: AccuracyReport]
        /// Residual features used.
        public var residualFeatures: [String]
        /// Name of the chosen feature set (`all-layers`, `live-layers`, `all+live`, `given`).
        public var featureSet: String
        /// The fitted model on each held-out arch (the rows of ``holdout``).
        public var heldOutPredictions: [CalibrationPrediction]
        /// The fitted model on each training arch (in-sample).
        public var trainingPredictions: [CalibrationPrediction]
    }

    /// Space of the archs.
    public var space: any SearchSpace
    /// Resolution of the archs.
    public var resolution: Int
    /// Feature source (LUT, roofline).
    public var extractor: FeatureExtractor
    /// Fit method.
    public var method: FitMethod
    /// Residual features (`nil`: the candidate set with the best cross-validation).
    public var residualFeatures: [String]?
    /// Training rows.
    public var train: Int
    /// Held-out rows at most (`nil`: all the others).
    public var test: Int?
    /// Seed of the split, folds and RANSAC.
    public var seed: UInt64
    /// Folds of the cross-validation.
    public var folds: Int
    /// Achieved GFLOP/s for the raw FLOPs predictor, if known.
    public var flopsRate: Double?

    /// Creates a run.
    public init(space: any SearchSpace, resolution: Int, extractor: FeatureExtractor, method: FitMethod,
                residualFeatures: [String]?, train: Int, test: Int?, seed: UInt64, folds: Int = 5, flopsRate: Double?) {
        self.space = space
        self.resolution = resolution
        self.extractor = extractor
        self.method = method
        self.residualFeatures = residualFeatures
        self.train = train
        self.test = test
        self.seed = seed
        self.folds = folds
        self.flopsRate = flopsRate
    }

    /// Runs the calibration on `measured`.
    /// - Throws: ``PredictError`` when there are too few archs for the split or the features, or
    ///   a feature cannot be computed (missing LUT entry).
    public func run(_ measured: [Measured], device: String, source: String, lutSource: String?) throws(PredictError) -> Result {
        guard train >= 2 else { throw PredictError(.tooFewRows, "--train must be at least 2") }
        guard measured.count > train else {
            throw PredictError(.tooFewRows, "\(measured.count) measured archs leave none to hold out after --train \(train); measure more or lower --train")
        }
        var rng = SplitMix64(seed: seed)
        let order = SeededShuffle.order(count: measured.count, rng: &rng)
        let trainRows = order.prefix(train).map { measured[$0] }
        let testRows = order.dropFirst(train).prefix(test ?? Int.max).map { measured[$0] }
        let trainSamples = try samples(trainRows)
        let testSamples = try samples(testRows)
        try extractor.check(residualFeatures ?? [])
        // Without explicit features, the candidate set with the lowest cross-validated MAPE on
        // the training rows wins (the held-out rows play no part in the choice).
        let candidates = residualFeatures.map { [(name: "given", features: $0)] }
            ?? Calibrator.candidateFeatureSets(samples: trainSamples, extractor: extractor)
        var chosen: (calibrator: Calibrator, cv: AccuracyReport, name: String)?
        var lastError: PredictError?
        for candidate in candidates {
            let calibrator = Calibrator(residualFeatures: candidate.features, method: method, folds: folds, seed: seed,
                                        index: extractor.index)
            do {
                let cv = try calibrator.crossValidate(trainSamples)
                if chosen == nil || cv.mape < chosen!.cv.mape { chosen = (calibrator, cv, candidate.name) }
            } catch { lastError = error }
        }
        guard let (calibrator, crossValidation, featureSet) = chosen else { throw lastError! }
        let residual = calibrator.residualFeatures
        let (baseline, residualModel) = try calibrator.fit(trainSamples)
        let measuredTest = testSamples.map(\.measuredMs)
        let predicted = testSamples.map { calibrator.predict($0, baseline: baseline, residual: residualModel) }
        let holdout = AccuracyReport(predicted: predicted, measured: measuredTest, nTrain: train)
        var comparison: [String: AccuracyReport] = [:]
        comparison["baseline_macs_params"] = AccuracyReport(
            predicted: testSamples.map { baseline.predict(calibrator.row($0, calibrator.baselineFeatures)) },
            measured: measuredTest, nTrain: train)
        var single: [(String, String)] = []
        if extractor.lut != nil { single.append(("lut", "lut_ms")) }
        if extractor.roofline != nil { single.append(("roofline", "roofline_ms")) }
        single.append(("flops", "macs_m"))
        for (name, feature) in single {
            let j = extractor.index[feature]!
            if name != "flops" {
                comparison["\(name)_raw"] = AccuracyReport(predicted: testSamples.map { $0.features[j] }, measured: measuredTest, nTrain: 0)
            } else if let flopsRate {
                comparison["flops_raw"] = AccuracyReport(predicted: testSamples.map { 2 * $0.features[j] / flopsRate },
                                                        measured: measuredTest, nTrain: 0)
            }
            let fitted = try LinearRegression.fit(rows: trainSamples.map { [$0.features[j]] }, targets: trainSamples.map(\.measuredMs),
                                                  features: [feature], method: method, seed: seed)
            comparison["\(name)_fitted"] = AccuracyReport(predicted: testSamples.map { fitted.predict([$0.features[j]]) },
                                                          measured: measuredTest, nTrain: train)
        }
        if let oneHot = try? OneHotBaseline(space: space, encodings: trainRows.map(\.encoding), latencies: trainRows.map(\.latencyMs)) {
            comparison["one_hot"] = AccuracyReport(predicted: testRows.map { oneHot.predict($0.encoding) },
                                                   measured: measuredTest, nTrain: train)
        }
        let model = CalibrationModel(
            device: device, space: space.name, resolution: resolution, source: source, fit: method, baseline: baseline,
            residual: residualModel, trainingHash: Calibrator.trainingHash(trainSamples), crossValidation: crossValidation,
            holdout: holdout, lut: usedLUT(), lutSource: residual.contains(where: { $0.hasSuffix("lut_ms") }) ? lutSource : nil,
            roofline: residual.contains(where: { $0.contains("roofline") }) ? extractor.roofline : nil)
        let heldOutPredictions = zip(testSamples, predicted).map {
            CalibrationPrediction(arch: $0.arch, measuredMs: $0.measuredMs, predictedMs: $1)
        }
        let trainingPredictions = trainSamples.map {
            CalibrationPrediction(arch: $0.arch, measuredMs: $0.measuredMs,
                                  predictedMs: calibrator.predict($0, baseline: baseline, residual: residualModel))
        }
        return Result(model: model, holdout: holdout, crossValidation: crossValidation, comparison: comparison,
                      residualFeatures: residual, featureSet: featureSet, heldOutPredictions: heldOutPredictions,
                      trainingPredictions: trainingPredictions)

        func usedLUT() -> [String: Double]? {
            guard let lut = extractor.lut, residual.contains(where: { $0.hasSuffix("lut_ms") }) else { return nil }
            let keys = Set(space.distinctLayers(resolution: resolution).map(\.key))
            return lut.filter { keys.contains($0.key) }
        }
    }

    /// Feature vectors of measured archs.
    func samples(_ rows: [Measured]) throws(PredictError) -> [CalibrationSample] {
        var result: [CalibrationSample] = []
        result.reserveCapacity(rows.count)
        for row in rows {
            let features = try extractor.vector(space.architecture(row.encoding, resolution: resolution))
            result.append(CalibrationSample(arch: row.arch, features: features, measuredMs: row.latencyMs))
        }
        return result
    }
}

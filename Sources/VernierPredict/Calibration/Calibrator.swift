import VernierModel

/// Fits the two-step calibrated model: a baseline linear model on MACs and params, then a linear
/// model of the baseline's residual on richer features; cross-validates it and compares it with
/// single-feature predictors fitted the same way.
public struct Calibrator: Sendable {
    /// Features of step 1.
    public var baselineFeatures: [String]
    /// Features of step 2.
    public var residualFeatures: [String]
    /// Fit method of both steps.
    public var method: FitMethod
    /// Folds of the cross-validation.
    public var folds: Int
    /// Seed of fold assignment and RANSAC.
    public var seed: UInt64
    /// Feature name → position in the samples' vectors (``FeatureExtractor/index``).
    public var index: [String: Int]

    /// Creates a calibrator.
    public init(baselineFeatures: [String] = ["macs_m", "params_m"], residualFeatures: [String], method: FitMethod = .ols,
                folds: Int = 5, seed: UInt64 = 1, index: [String: Int]) {
        self.index = index
        self.baselineFeatures = baselineFeatures
        self.residualFeatures = residualFeatures
        self.method = method
        self.folds = folds
        self.seed = seed
    }

    /// The default residual features: whatever the LUT and roofline allow, activation bytes,
    /// layer count, and MACs and count per op kind, each only where it varies in `samples`;
    /// `prefix` `live_` gives the same over the layers an optimising runtime keeps.
    public static func defaultResidualFeatures(samples: [CalibrationSample], extractor: FeatureExtractor,
                                               prefix: String = "") -> [String] {
        let lut = extractor.lut != nil, roofline = extractor.roofline != nil
        var names: [String] = []
        if lut { names.append("lut_ms") }
        if roofline { names += ["roofline_compute_ms", "roofline_memory_ms"] }
        names += ["activation_mb", "layers"]
        for op in OpKind.allCases { names += ["macs_m_\(op.rawValue)", "count_\(op.rawValue)"] }
        return varying(names.map { prefix + $0 }, in: samples, extractor: extractor)
    }

    /// The features of `names` whose value is not the same in every sample.
    static func varying(_ names: [String], in samples: [CalibrationSample], extractor: FeatureExtractor) -> [String] {
        names.filter { name in
            let j = extractor.index[name]!
            guard let first = samples.first?.features[j] else { return false }
            return samples.contains { $0.features[j] != first }
        }
    }

    /// Candidate residual feature sets, by name: over all layers, over live layers, both, and
    /// (with a layer-key vocabulary) the per-config layer counts, alone and with live counts.
    public static func candidateFeatureSets(samples: [CalibrationSample], extractor: FeatureExtractor) -> [(name: String, features: [String])] {
        let all = defaultResidualFeatures(samples: samples, extractor: extractor)
        let live = defaultResidualFeatures(samples: samples, extractor: extractor, prefix: "live_")
        var sets = [(name: "all-layers", features: all)]
        // Where every layer is live the live features repeat the others.
        let liveDiffers = zip(all, live).contains { a, l in
            let (i, j) = (extractor.index[a]!, extractor.index[l]!)
            return samples.contains { $0.features[i] != $0.features[j] }
        } || Set(live.map { String($0.dropFirst(5)) }) != Set(all)
        if liveDiffers {
            sets.append((name: "live-layers", features: live))
            sets.append((name: "all+live", features: all + live))
        }
        if !extractor.layerKeys.isEmpty {
            let counts = varying(extractor.layerKeys.map(FeatureExtractor.countName), in: samples, extractor: extractor)
            sets.append((name: "layer-counts", features: counts))
            if liveDiffers {
                let liveCounts = varying(extractor.layerKeys.map { "live_" + FeatureExtractor.countName($0) }, in: samples, extractor: extractor)
                sets.append((name: "layer-counts+live", features: counts + liveCounts))
            }
        }
        return sets
    }

    /// Fits both steps on `train`.
    public func fit(_ train: [CalibrationSample]) throws(PredictError) -> (baseline: LinearModel, residual: LinearModel) {
        let targets = train.map(\.measuredMs)
        let baseline = try LinearRegression.fit(rows: rows(train, baselineFeatures), targets: targets,
                                                features: baselineFeatures, method: method, seed: seed)
        let baseRows = rows(train, baselineFeatures)
        // The residual model fits what the baseline misses; the target stays the latency so the
        // relative weighting (1/latency) is the same in both steps.
        let residualRows = rows(train, residualFeatures)
        let leftover = zip(targets, baseRows).map { $0 - baseline.predict($1) }
        let residual = try Self.fitResidual(rows: residualRows, leftover: leftover, targets: targets,
                                            features: residualFeatures, method: method, seed: seed)
        return (baseline, residual)
    }

    /// Fits `leftover ≈ residual(rows)` weighted by 1/target: the same relative objective as the
    /// baseline (the leftover itself may be negative or zero, so the weights come from the latency).
    static func fitResidual(rows: [[Double]], leftover: [Double], targets: [Double], features: [String],
                            method: FitMethod, seed: UInt64) throws(PredictError) -> LinearModel {
        try LinearRegression.fit(rows: rows, targets: leftover, features: features, method: method, seed: seed,
                                 weights: targets.map { 1 / $0 })
    }

    /// Out-of-fold predictions of a k-fold cross-validation on `train` (fold = seeded shuffle).
    public func crossValidate(_ train: [CalibrationSample]) throws(PredictError) -> AccuracyReport {
        let k = max(2, min(folds, train.count))
        var rng = SplitMix64(seed: seed &+ 101)
        let order = SeededShuffle.order(count: train.count, rng: &rng)
        var predicted = [Double](repeating: 0, count: train.count)
        for fold in 0..<k {
            let test = order.indices.filter { $0 % k == fold }.map { order[$0] }
            let testSet = Set(test)
            let fitSet = train.indices.filter { !testSet.contains($0) }.map { train[$0] }
            let (baseline, residual) = try fit(fitSet)
            for i in test { predicted[i] = predict(train[i], baseline: baseline, residual: residual) }
        }
        return AccuracyReport(predicted: predicted, measured: train.map(\.measuredMs), nTrain: train.count)
    }

    /// The two-step model's prediction for a sample.
    public func predict(_ sample: CalibrationSample, baseline: LinearModel, residual: LinearModel) -> Double {
        baseline.predict(row(sample, baselineFeatures)) + residual.predict(row(sample, residualFeatures))
    }

    func row(_ sample: CalibrationSample, _ names: [String]) -> [Double] {
        names.map { sample.features[index[$0]!] }
    }

    func rows(_ samples: [CalibrationSample], _ names: [String]) -> [[Double]] {
        samples.map { row($0, names) }
    }

    /// `fnv1a64:<hex>` of the samples' archs and latencies, in order.
    public static func trainingHash(_ samples: [CalibrationSample]) -> String {
        var hasher = FNV1a()
        for sample in samples { hasher.combine("\(sample.arch)=\(sample.measuredMs);") }
        return "fnv1a64:" + String(hasher.value, radix: 16)
    }
}

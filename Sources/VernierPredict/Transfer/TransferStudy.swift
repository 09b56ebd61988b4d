import Foundation
import VernierModel

/// Leave-one-hardware-out study of the transfer fit on a table with one latency column per device
/// (HELP's): each column in turn is the new device, N of its archs are "measured" (random, or
/// suggested by ``ArchSuggestion`` from the references alone), the columns of other hardware
/// families are the references, and the prediction is scored on every other arch.
public struct TransferStudy: Sendable {
    /// How the N training archs are chosen.
    public enum Design: String, Codable, Sendable, CaseIterable {
        /// N archs drawn at random.
        case random
        /// N archs from ``ArchSuggestion`` over the references.
        case suggested
    }

    /// What predicts the target.
    public enum Method: String, Codable, Sendable, CaseIterable {
        /// ``TransferFit`` on the references.
        case transfer
        /// HELP's few-shot baseline: ridge regression of log-latency on the one-hot encoding,
        /// no references.
        case oneHot = "one_hot"
    }

    /// One device's scores, means over the seeds.
    public struct DeviceScore: Codable, Sendable {
        /// Target column.
        public var device: String
        /// Its hardware family (removed from the references).
        public var family: String
        /// References used.
        public var references: Int
        /// Spearman ρ on the held-out archs.
        public var spearman: Double
        /// Share within ±10 %.
        public var within10pct: Double
        /// Share within ±5 %.
        public var within5pct: Double
        /// Held-out archs per seed.
        public var nTest: Int

        enum CodingKeys: String, CodingKey {
            case device, family, references, spearman
            case within10pct = "within_10pct", within5pct = "within_5pct", nTest = "n_test"
        }
    }

    /// The study's outcome for one method, design and N.
    public struct Table: Codable, Sendable {
        /// Method.
        public var method: Method
        /// Design.
        public var design: Design
        /// Training archs per device.
        public var train: Int
        /// Seeds averaged.
        public var seeds: Int
        /// Per device.
        public var devices: [DeviceScore]
        /// Mean of the devices' ρ.
        public var meanSpearman: Double
        /// Mean of the devices' share within ±10 %.
        public var meanWithin10pct: Double
        /// Lowest device ρ.
        public var minSpearman: Double

        enum CodingKeys: String, CodingKey {
            case method, design, train, seeds, devices
            case meanSpearman = "mean_spearman", meanWithin10pct = "mean_within_10pct", minSpearman = "min_spearman"
        }
    }

    /// The latency table.
    public var matrix: LatencyMatrix
    /// Arch features of every row of the matrix (columns ``featureNames``).
    public var features: [[Double]]
    /// Feature names.
    public var featureNames: [String]
    /// Space of the archs (one-hot baseline).
    public var space: any SearchSpace
    /// The fit studied.
    public var fit: TransferFit

    /// Creates a study.
    public init(matrix: LatencyMatrix, features: [[Double]], featureNames: [String], space: any SearchSpace, fit: TransferFit = TransferFit()) {
        self.matrix = matrix
        self.features = features
        self.featureNames = featureNames
        self.space = space
        self.fit = fit
    }

    /// Runs the study for every column.
    /// - Throws: ``PredictError`` when a fit fails.
    public func run(method: Method, design: Design, train: Int, seeds: Int) throws(PredictError) -> Table {
        var devices: [DeviceScore] = []
        for target in matrix.columns.indices {
            let family = HardwareFamily.of(matrix.columns[target])
            let references = matrix.columns.indices.filter { HardwareFamily.of(matrix.columns[$0]) != family }
            let rows = matrix.archs.indices.filter { i in
                matrix.values[target][i] != nil && references.allSatisfy { matrix.values[$0][i] != nil }
            }
            var spearman = 0.0, within10 = 0.0, within5 = 0.0, tested = 0
            for seed in 0..<seeds {
                let picked = try pick(rows: rows, references: references, design: design, train: train,
                                      seed: UInt64(seed) &* 1_000_003 &+ UInt64(target))
                let pickedSet = Set(picked)
                let test = rows.filter { !pickedSet.contains($0) }
                let predicted = try predictions(method: method, target: target, references: references, train: picked, test: test)
                let measured = test.map { matrix.values[target][$0]! }
                spearman += RankCorrelation.spearman(predicted, measured)
                var hits10 = 0, hits5 = 0
                for (p, m) in zip(predicted, measured) {
                    let relative = abs(p - m) / m
                    if relative <= 0.10 { hits10 += 1 }
                    if relative <= 0.05 { hits5 += 1 }
                }
                within10 += Double(hits10) / Double(max(test.count, 1))
                within5 += Double(hits5) / Double(max(test.count, 1))
                tested = test.count
            }
            let s = Double(seeds)
            devices.append(DeviceScore(device: matrix.columns[target], family: family, references: references.count,
                                       spearman: spearman / s, within10pct: within10 / s, within5pct: within5 / s, nTest: tested))
        }
        let count = Double(max(devices.count, 1))
        return Table(method: method, design: design, train: train, seeds: seeds, devices: devices,
                     meanSpearman: devices.map(\.spearman).reduce(0, +) / count,
                     meanWithin10pct: devices.map(\.within10pct).reduce(0, +) / count,
                     minSpearman: devices.map(\.spearman).min() ?? 0)
    }

    /// The training rows of one seed.
    func pick(rows: [Int], references: [Int], design: Design, train: Int, seed: UInt64) throws(PredictError) -> [Int] {
        guard rows.count > train else {
            throw PredictError(.tooFewRows, "\(rows.count) archs with every latency leave none to test after \(train) training archs")
        }
        switch design {
        case .random:
            var order = rows
            var rng = SplitMix64(seed: seed)
            for i in 0..<train { order.swapAt(i, i + rng.below(order.count - i)) }
            return Array(order.prefix(train))
        case .suggested:
            let referenceMs = rows.map { i in references.map { matrix.values[$0][i]! } }
            return try ArchSuggestion.pick(count: train, referenceMs: referenceMs, seed: seed).map { rows[$0] }
        }
    }

    /// Predictions for `test` from a fit on `train`.
    func predictions(method: Method, target: Int, references: [Int], train: [Int], test: [Int]) throws(PredictError) -> [Double] {
        let targets = train.map { matrix.values[target][$0]! }
        switch method {
        case .transfer:
            let referenceMs = train.map { i in references.map { matrix.values[$0][i]! } }
            let outcome = try fit.fit(referenceMs: referenceMs, features: train.map { features[$0] }, featureNames: featureNames,
                                      targets: targets)
            return test.map { i in
                outcome.predict(referenceMs: references.map { matrix.values[$0][i]! }, featureValues: features[i],
                                featureNames: featureNames)
            }
        case .oneHot:
            let model = try OneHotRidge(space: space, encodings: train.map { matrix.encodings[$0] }, latencies: targets)
            return test.map { model.predict(matrix.encodings[$0]) }
        }
    }
}

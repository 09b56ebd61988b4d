import Foundation
import VernierModel

/// The few-shot transfer fit: from N archs measured on a new device and the same archs' latencies
/// on reference devices, an ensemble of small ridge regressions weighted by leave-one-out error.
///
/// References are ranked by the Pearson correlation of their log-latencies with the target's on
/// the N archs. The candidates regress the target on the top 1, 2 or 3 references in log space,
/// in linear space (relative residuals), and — for the top 1 or 2 — in linear space with arch
/// features beside them, each at every ridge λ. Every candidate's leave-one-out error
/// e = mean |log(ŷ/y)| on the N rows gives its weight exp(−(e − e_min)/(T·e_min)); the
/// prediction is the weighted geometric mean. Averaging instead of picking the single best
/// candidate matters at N = 10, where leave-one-out errors are noisy.
public struct TransferFit: Sendable {
    /// Ridge λs tried for every candidate.
    public var ridges: [Double]
    /// Most references one candidate uses.
    public var maxReferences: Int
    /// Most references a candidate with arch features uses.
    public var maxReferencesWithFeatures: Int
    /// Temperature T of the weights (relative to the best leave-one-out error).
    public var temperature: Double
    /// Fewest training archs accepted.
    public static let minimumRows = 5

    /// Creates a fit with the defaults chosen on the public NB201/FBNet columns (leave one hardware
    /// family out): λ ∈ {0.01, 0.3}, up to 3 references, 2 with features, T = 0.3.
    public init(ridges: [Double] = [0.01, 0.3], maxReferences: Int = 3, maxReferencesWithFeatures: Int = 2,
                temperature: Double = 0.3) {
        self.ridges = ridges
        self.maxReferences = maxReferences
        self.maxReferencesWithFeatures = maxReferencesWithFeatures
        self.temperature = temperature
    }

    /// What a fit chose.
    public struct Outcome: Sendable {
        /// Members with positive weight, by decreasing weight.
        public var members: [TransferMember]
        /// Reference positions by decreasing correlation.
        public var ranking: [Int]
        /// Pearson correlation of each reference's log-latency with the target's (input order).
        public var correlations: [Double]
        /// Lowest prediction allowed, ms (a tenth of the fastest training arch).
        public var floor: Double

        /// The ensemble's prediction from every reference's latency and the feature values.
        public func predict(referenceMs: [Double], featureValues: [Double], featureNames: [String]) -> Double {
            TransferFit.ensemble(members, referenceMs: referenceMs, features: featureValues, names: featureNames, floor: floor)
        }
    }

    /// Fits the ensemble.
    /// - Parameters:
    ///   - referenceMs: `referenceMs[i][j]`: latency of training arch i on reference j (positive).
    ///   - features: `features[i]`: arch feature values of training arch i (may be empty rows).
    ///   - featureNames: names of the feature columns.
    ///   - targets: measured latency of each training arch on the target device (positive).
    /// - Throws: ``PredictError`` (`tooFewRows`) below ``minimumRows`` archs, (`missingInput`)
    ///   without references, (`fitFailed`) when every candidate fails.
    public func fit(referenceMs: [[Double]], features: [[Double]], featureNames: [String], targets: [Double]) throws(PredictError) -> Outcome {
        let n = targets.count
        guard n >= Self.minimumRows else {
            throw PredictError(.tooFewRows, "\(n) measured archs are too few for a transfer fit; measure at least \(Self.minimumRows)")
        }
        guard let width = referenceMs.first?.count, width > 0 else {
            throw PredictError(.missingInput, "a transfer fit needs at least one reference device")
        }
        let logTargets = targets.map { log($0) }
        let correlations = (0..<width).map { j in
            let c = RankCorrelation.pearson(referenceMs.map { log($0[j]) }, logTargets)
            return c.isFinite ? c : 0
        }
        let ranking = (0..<width).sorted { correlations[$0] != correlations[$1] ? correlations[$0] > correlations[$1] : $0 < $1 }
        let floor = 0.1 * (targets.min() ?? 0)
        var candidates: [TransferMember] = []
        for k in 1...min(maxReferences, width) {
            let chosen = Array(ranking.prefix(k))
            for ridge in ridges {
                candidates.append(member(.log, chosen, [], ridge))
                candidates.append(member(.linear, chosen, [], ridge))
                if k <= maxReferencesWithFeatures && !featureNames.isEmpty {
                    candidates.append(member(.linear, chosen, featureNames, ridge))
                }
            }
        }
        var scored: [TransferMember] = []
        for var candidate in candidates {
            do {
                candidate.looError = try looError(candidate, referenceMs: referenceMs, features: features, featureNames: featureNames,
                                                  targets: targets)
                scored.append(candidate)
            } catch { continue }
        }
        guard let best = scored.map(\.looError).min() else {
            throw PredictError(.fitFailed, "no transfer candidate could be fitted on \(n) archs")
        }
        var weights = scored.map { exp(-($0.looError - best) / (temperature * best + 1e-9)) }
        let total = weights.reduce(0, +)
        weights = weights.map { $0 / total }
        var members: [TransferMember] = []
        for (candidate, weight) in zip(scored, weights) where weight > 1e-4 {
            var fitted = try fitMember(candidate, referenceMs: referenceMs, features: features, featureNames: featureNames,
                                       targets: targets, rows: Array(0..<n))
            fitted.weight = weight
            members.append(fitted)
        }
        let kept = members.map(\.weight).reduce(0, +)
        for i in members.indices { members[i].weight /= kept }
        members.sort { $0.weight > $1.weight }
        return Outcome(members: members, ranking: ranking, correlations: correlations, floor: floor)
    }

    /// An unfitted candidate.
    func member(_ scale: TransferMember.Scale, _ references: [Int], _ features: [String], _ ridge: Double) -> TransferMember {
        TransferMember(scale: scale, references: references, features: features, ridge: ridge, coefficients: [], intercept: 0,
                       looError: 0, weight: 0)
    }

    /// `candidate` fitted on `rows`.
    func fitMember(_ candidate: TransferMember, referenceMs: [[Double]], features: [[Double]], featureNames: [String],
                   targets: [Double], rows: [Int]) throws(PredictError) -> TransferMember {
        let featureColumns = candidate.features.map { name in featureNames.firstIndex(of: name)! }
        let design = rows.map { i in
            candidate.references.map { candidate.scale == .log ? log(referenceMs[i][$0]) : referenceMs[i][$0] }
                + featureColumns.map { features[i][$0] }
        }
        let y = rows.map { candidate.scale == .log ? log(targets[$0]) : targets[$0] }
        let weights = rows.map { candidate.scale == .log ? 1 : 1 / targets[$0] }
        let (coefficients, intercept) = try RidgeFit.fit(rows: design, targets: y, weights: weights, ridge: candidate.ridge)
        var fitted = candidate
        fitted.coefficients = coefficients
        fitted.intercept = intercept
        return fitted
    }

    /// Leave-one-out mean |log(ŷ/y)| of a candidate.
    func looError(_ candidate: TransferMember, referenceMs: [[Double]], features: [[Double]], featureNames: [String],
                  targets: [Double]) throws(PredictError) -> Double {
        let n = targets.count
        var total = 0.0
        for left in 0..<n {
            let rows = (0..<n).filter { $0 != left }
            let fitted = try fitMember(candidate, referenceMs: referenceMs, features: features, featureNames: featureNames,
                                       targets: targets, rows: rows)
            let floor = 0.1 * (rows.map { targets[$0] }.min() ?? 0)
            let p = fitted.predict(referenceMs: referenceMs[left],
                                   featureValues: Self.values(of: fitted, row: features[left], names: featureNames), floor: floor)
            total += abs(log(p / targets[left]))
        }
        let error = total / Double(n)
        guard error.isFinite else { throw PredictError(.fitFailed, "a transfer candidate predicts a non-finite latency") }
        return error
    }

    /// Weighted geometric mean of the members' predictions.
    static func ensemble(_ members: [TransferMember], referenceMs: [Double], features: [Double], names: [String],
                         floor: Double) -> Double {
        var logSum = 0.0
        for member in members {
            let values = values(of: member, row: features, names: names)
            logSum += member.weight * log(member.predict(referenceMs: referenceMs, featureValues: values, floor: floor))
        }
        return exp(logSum)
    }

    /// A member's own feature values out of a row of `names`' values.
    static func values(of member: TransferMember, row: [Double], names: [String]) -> [Double] {
        member.features.isEmpty ? [] : member.features == names ? row : member.features.map { row[names.firstIndex(of: $0)!] }
    }
}

extension TransferFit {
    /// The arch features candidates may use: MACs, activation bytes and the count of each op
    /// kind, each only where it varies over `vectors` and is not a copy of an earlier one.
    /// - Parameter vectors: full feature vectors (``FeatureExtractor/vector(_:)`` order) of the archs.
    public static func defaultFeatures(vectors: [[Double]], extractor: FeatureExtractor) -> [String] {
        var names = ["macs_m", "activation_mb"]
        names += OpKind.allCases.map { "count_\($0.rawValue)" }
        var kept: [String] = []
        var columns: [[Double]] = []
        for name in names {
            guard let j = extractor.index[name] else { continue }
            let column = vectors.map { $0[j] }
            guard let first = column.first, column.contains(where: { $0 != first }), !columns.contains(column) else { continue }
            kept.append(name)
            columns.append(column)
        }
        return kept
    }
}

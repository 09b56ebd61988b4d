import Foundation

/// One model of a transfer ensemble: the target's latency as a ridge regression on a few
/// reference devices' latencies (in log space, or linear with relative residuals, optionally
/// with arch features), with its leave-one-out error and its weight in the ensemble.
public struct TransferMember: Codable, Hashable, Sendable {
    /// Scale of the regression.
    public enum Scale: String, Codable, Sendable {
        /// log(target) on log(references): multiplicative relations.
        case log
        /// target on references (and features), residuals relative to the target.
        case linear
    }

    /// Scale of the regression.
    public var scale: Scale
    /// Positions of its references in ``TransferModel/references``.
    public var references: [Int]
    /// Arch features beside the references (names of ``FeatureExtractor``).
    public var features: [String]
    /// Ridge λ on the standardized columns.
    public var ridge: Double
    /// Raw coefficients: one per reference, then one per feature.
    public var coefficients: [Double]
    /// Constant term.
    public var intercept: Double
    /// Leave-one-out mean |log(predicted / measured)| on the training archs.
    public var looError: Double
    /// Share of the ensemble (weights sum to 1).
    public var weight: Double

    enum CodingKeys: String, CodingKey {
        case scale, references, features, ridge, coefficients, intercept, weight
        case looError = "loo_error"
    }

    /// Creates a member.
    public init(scale: Scale, references: [Int], features: [String], ridge: Double, coefficients: [Double], intercept: Double,
                looError: Double, weight: Double) {
        self.scale = scale
        self.references = references
        self.features = features
        self.ridge = ridge
        self.coefficients = coefficients
        self.intercept = intercept
        self.looError = looError
        self.weight = weight
    }

    /// The member's prediction (ms) from every reference's latency and its own feature values,
    /// never below `floor`.
    public func predict(referenceMs: [Double], featureValues: [Double], floor: Double) -> Double {
        var y = intercept
        for (c, r) in references.enumerated() {
            y += coefficients[c] * (scale == .log ? log(referenceMs[r]) : referenceMs[r])
        }
        for (f, value) in featureValues.enumerated() { y += coefficients[references.count + f] * value }
        return scale == .log ? max(exp(y), floor) : max(y, floor)
    }
}

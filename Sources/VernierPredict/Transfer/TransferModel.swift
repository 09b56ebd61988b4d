import VernierModel

/// The transfer part of a calibration file: the references it learned from (with what it needs
/// of them embedded) and the weighted ensemble of regressions on them.
public struct TransferModel: Codable, Hashable, Sendable {
    /// References used by at least one member.
    public var references: [TransferReference]
    /// Archs whose reference latencies are embedded (sorted).
    public var archs: [String]
    /// Arch features the members may use (``FeatureExtractor`` names).
    public var features: [String]
    /// The ensemble, by decreasing weight.
    public var members: [TransferMember]
    /// Lowest prediction, ms.
    public var floorMs: Double
    /// References considered (ids), with their correlation on the training archs.
    public var considered: [String: Double]

    enum CodingKeys: String, CodingKey {
        case references, archs, features, members, considered
        case floorMs = "floor_ms"
    }

    /// Creates a model.
    public init(references: [TransferReference], archs: [String], features: [String], members: [TransferMember],
                floorMs: Double, considered: [String: Double]) {
        self.references = references
        self.archs = archs
        self.features = features
        self.members = members
        self.floorMs = floorMs
        self.considered = considered
    }

    /// Checks the model's parts agree with each other and with `space`.
    /// - Throws: ``PredictError`` (`badCalibration`) naming the first inconsistency.
    public func check(space: any SearchSpace) throws(PredictError) {
        guard !members.isEmpty else { throw PredictError(.badCalibration, "the transfer model has no members") }
        for reference in references {
            guard reference.latencies.count == archs.count else {
                throw PredictError(.badCalibration, "reference \(reference.device) lists \(reference.latencies.count) latencies for \(archs.count) archs")
            }
            if let fallback = reference.fallback { _ = try OneHotBaseline(space: space, model: fallback) }
        }
        for member in members {
            guard member.references.allSatisfy(references.indices.contains),
                  member.coefficients.count == member.references.count + member.features.count,
                  member.coefficients.allSatisfy(\.isFinite), member.intercept.isFinite, member.weight.isFinite,
                  Set(member.features).isSubset(of: features) else {
                throw PredictError(.badCalibration, "a transfer member does not match its references or features")
            }
        }
        try FeatureExtractor(lut: nil, roofline: nil).check(features)
    }
}

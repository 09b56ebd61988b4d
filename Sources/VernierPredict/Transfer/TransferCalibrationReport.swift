import Foundation

/// What `calibrate --transfer` and `POST /v1/devices/{id}/calibrate` answer: the held-out
/// report's fields at the top level (when there are held-out archs), the whole fit's
/// leave-one-out, the baselines, the references and members, and where the model went.
public struct TransferCalibrationReport: Encodable, Sendable {
    /// The calibration.
    public let result: TransferCalibration.Result
    /// Target device.
    public let device: String
    /// Search space.
    public let space: String
    /// Where the target's latencies came from.
    public let source: String
    /// Where the model was saved.
    public let model: String
    /// Rows dropped below the minimum latency.
    public let filtered: Int

    struct Reference: Encodable {
        let device: String
        let correlation: Double
    }

    /// Creates a report.
    public init(result: TransferCalibration.Result, device: String, space: String, source: String, model: String, filtered: Int) {
        self.result = result
        self.device = device
        self.space = space
        self.source = source
        self.model = model
        self.filtered = filtered
    }

    enum CodingKeys: String, CodingKey {
        case crossValidation = "cross_validation", comparison, device, space, source, model, filtered, references, members
        case trainingHash = "training_hash", featureSet = "feature_set", nTrain = "n_train"
    }

    public func encode(to encoder: Encoder) throws {
        if let holdout = result.holdout { try holdout.encode(to: encoder) }
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(result.crossValidation, forKey: .crossValidation)
        try container.encode(result.comparison, forKey: .comparison)
        try container.encode(result.correlations.map { Reference(device: $0.device, correlation: $0.correlation) }, forKey: .references)
        try container.encode(result.model.transfer?.members ?? [], forKey: .members)
        try container.encode("transfer", forKey: .featureSet)
        try container.encode(result.crossValidation.nTest, forKey: .nTrain)
        try container.encode(device, forKey: .device)
        try container.encode(space, forKey: .space)
        try container.encode(source, forKey: .source)
        try container.encode(model, forKey: .model)
        try container.encode(filtered, forKey: .filtered)
        try container.encode(result.model.trainingHash, forKey: .trainingHash)
    }
}

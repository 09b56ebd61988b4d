import VernierModel

/// A calibration model applied: baseline linear model on MACs and params plus the residual
/// linear model on the richer features.
public struct CalibratedPredictor: LatencyPredictor {
    /// The calibration.
    public let calibration: CalibrationModel
    /// Features of the calibration's LUT and roofline.
    public let extractor: FeatureExtractor
    private let baselineIndex: [Int]
    private let residualIndex: [Int]
    private let transfer: Result<TransferPredictor, PredictError>?

    /// Creates the predictor from a calibration (its embedded LUT and roofline).
    public init(calibration: CalibrationModel) {
        self.calibration = calibration
        let extractor = FeatureExtractor(lut: calibration.lut, roofline: calibration.roofline,
                                         layerKeys: FeatureExtractor.layerKeys(in: calibration.baseline.features + calibration.residual.features))
        self.extractor = extractor
        baselineIndex = calibration.baseline.features.map { extractor.index[$0]! }
        residualIndex = calibration.residual.features.map { extractor.index[$0]! }
        transfer = calibration.transfer.map { model in
            Result { () throws(PredictError) in
                let space: any SearchSpace
                do { space = try Spaces.named(calibration.space) } catch {
                    throw PredictError(.badCalibration, "transfer calibration for unknown space '\(calibration.space)'")
                }
                return try TransferPredictor(model: model, space: space)
            }
        }
    }

    public var name: String { "calibrated" }

    public func predict(_ architecture: Architecture) throws(PredictError) -> Double {
        if let transfer { return try transfer.get().predict(architecture) }
        let v = try extractor.vector(architecture)
        return calibration.baseline.predict(baselineIndex.map { v[$0] })
            + calibration.residual.predict(residualIndex.map { v[$0] })
    }

    /// The two-step model's prediction from a full feature vector (order of ``FeatureExtractor/names``);
    /// a transfer calibration predicts through ``predict(_:)`` only.
    public func predict(vector v: [Double]) -> Double {
        calibration.baseline.predict(baselineIndex.map { v[$0] }) + calibration.residual.predict(residualIndex.map { v[$0] })
    }
}

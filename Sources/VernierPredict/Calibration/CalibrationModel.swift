import Foundation
import VernierModel

/// A calibrated latency model as saved to `calibration/<device>-<space>.json`: baseline and
/// residual linear models, the features they use, the LUT and roofline those features need
/// (embedded, so the file predicts on its own), the fit method, a hash of the training set and the
/// cross-validation and held-out reports.
public struct CalibrationModel: Codable, Hashable, Sendable {
    /// Format marker, always ``formatName``.
    public var format: String
    /// Device the latencies were measured on (a CSV column for imported measurements).
    public var device: String
    /// Search space.
    public var space: String
    /// Input resolution of the architectures.
    public var resolution: Int
    /// Where the training latencies came from (`measured:native`, `csv:<file>#<column>`).
    public var source: String
    /// Fit method of both models.
    public var fit: FitMethod
    /// Step 1: linear model on MACs and params.
    public var baseline: LinearModel
    /// Step 2: linear model of what the baseline leaves, on the richer features.
    public var residual: LinearModel
    /// `fnv1a64:<hex>` of the training archs and latencies, in order.
    public var trainingHash: String
    /// K-fold cross-validation on the training set (out-of-fold predictions).
    public var crossValidation: AccuracyReport?
    /// Report on the held-out archs.
    public var holdout: AccuracyReport?
    /// Layer key → ms, for the `lut_ms` feature.
    public var lut: [String: Double]?
    /// Where ``lut`` came from (`<device>/<backend>`, or a file).
    public var lutSource: String?
    /// Roofline for the `roofline_*` features.
    public var roofline: RooflineModel?
    /// When fitted (ISO 8601).
    public var createdAt: String
    /// Few-shot transfer from reference devices; when present it is the model's prediction
    /// (``baseline`` is then the same archs' MACs/params fit, kept for comparison).
    public var transfer: TransferModel?

    /// Value of ``format``.
    public static let formatName = "vernier-calibration-1"

    enum CodingKeys: String, CodingKey {
        case format, device, space, resolution, source, fit, baseline, residual, lut, roofline, transfer
        case trainingHash = "training_hash", crossValidation = "cross_validation", holdout
        case lutSource = "lut_source", createdAt = "created_at"
    }

    /// Creates a model.
    public init(device: String, space: String, resolution: Int, source: String, fit: FitMethod, baseline: LinearModel,
                residual: LinearModel, trainingHash: String, crossValidation: AccuracyReport?, holdout: AccuracyReport?,
                lut: [String: Double]?, lutSource: String?, roofline: RooflineModel?, transfer: TransferModel? = nil) {
        format = Self.formatName
        self.device = device
        self.space = space
        self.resolution = resolution
        self.source = source
        self.fit = fit
        self.baseline = baseline
        self.residual = residual
        self.trainingHash = trainingHash
        self.crossValidation = crossValidation
        self.holdout = holdout
        self.lut = lut
        self.lutSource = lutSource
        self.roofline = roofline
        self.transfer = transfer
        createdAt = ISO8601DateFormatter().string(from: Date())
    }

    /// Pretty JSON with sorted keys.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// Reads and validates a calibration file.
    /// - Throws: ``PredictError`` (`badCalibration`) naming the file and the problem.
    public static func load(path: String) throws(PredictError) -> CalibrationModel {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw PredictError(.badCalibration, "cannot read calibration \(path): \(error.localizedDescription)")
        }
        let model: CalibrationModel
        do { model = try JSONDecoder().decode(CalibrationModel.self, from: data) } catch let DecodingError.keyNotFound(key, _) {
            throw PredictError(.badCalibration, "\(path) is not a Vernier calibration: missing field '\(key.stringValue)'")
        } catch {
            throw PredictError(.badCalibration, "\(path) is not a Vernier calibration JSON file")
        }
        guard model.format == formatName else {
            throw PredictError(.badCalibration, "\(path): format '\(model.format)' is not \(formatName)")
        }
        for part in [model.baseline, model.residual] {
            guard part.coefficients.count == part.features.count, part.intercept.isFinite,
                  part.coefficients.allSatisfy(\.isFinite) else {
                throw PredictError(.badCalibration, "\(path): a model's coefficients do not match its features")
            }
            try FeatureExtractor(lut: model.lut, roofline: model.roofline, layerKeys: FeatureExtractor.layerKeys(in: part.features))
                .check(part.features)
        }
        if let transfer = model.transfer {
            do { try transfer.check(space: try Spaces.named(model.space)) } catch let error as PredictError {
                throw PredictError(.badCalibration, "\(path): \(error.message)")
            } catch {
                throw PredictError(.badCalibration, "\(path): \(error)")
            }
        }
        return model
    }

    /// Checks the model fits the request.
    /// - Throws: ``PredictError`` (`badCalibration`) when it is for another space or device.
    public func check(space: String, device: String?) throws(PredictError) {
        guard space == self.space else {
            throw PredictError(.badCalibration, "the calibration is for space '\(self.space)', not '\(space)'")
        }
        if let device, device != self.device {
            throw PredictError(.badCalibration, "the calibration is for device '\(self.device)', not '\(device)'")
        }
    }
}

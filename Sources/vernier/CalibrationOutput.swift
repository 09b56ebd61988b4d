import Foundation
import VernierPredict

/// What `calibrate` prints: the held-out report's fields at the top level, then the
/// cross-validation, the comparison predictors and where the model went.
struct CalibrationOutput: Encodable {
    let holdout: AccuracyReport
    let crossValidation: AccuracyReport
    let comparison: [String: AccuracyReport]
    let features: [String]
    let featureSet: String
    let fit: String
    let device: String
    let space: String
    let source: String
    let model: String
    let filtered: Int
    let trainingHash: String

    enum CodingKeys: String, CodingKey {
        case crossValidation = "cross_validation", comparison, features, fit, device, space, source, model, filtered
        case trainingHash = "training_hash", featureSet = "feature_set"
    }

    func encode(to encoder: Encoder) throws {
        try holdout.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(crossValidation, forKey: .crossValidation)
        try container.encode(comparison, forKey: .comparison)
        try container.encode(features, forKey: .features)
        try container.encode(featureSet, forKey: .featureSet)
        try container.encode(fit, forKey: .fit)
        try container.encode(device, forKey: .device)
        try container.encode(space, forKey: .space)
        try container.encode(source, forKey: .source)
        try container.encode(model, forKey: .model)
        try container.encode(filtered, forKey: .filtered)
        try container.encode(trainingHash, forKey: .trainingHash)
    }

    /// Human-readable table.
    var text: String {
        let dropped = filtered > 0 ? " (\(filtered) rows below --min-ms dropped)" : ""
        let shown: String = features.count <= 12
            ? features.joined(separator: ", ") : features.prefix(6).joined(separator: ", ") + ", … (all in --json)"
        let title = "calibration of \(space) on \(device) from \(source), fit \(fit), \(holdout.nTrain) training archs, \(holdout.nTest) held out"
        var lines: [String] = [title + dropped]
        lines.append("residual features (\(featureSet), chosen by CV, \(features.count)): " + shown)
        lines.append("predictor".padding(toLength: 24, withPad: " ", startingAt: 0) + "    ±5%    ±10%    MAPE%   RMSE ms spearman  kendall")
        func line(_ name: String, _ r: AccuracyReport) -> String {
            name.padding(toLength: 24, withPad: " ", startingAt: 0)
                + String(format: "%6.1f%% %6.1f%% %8.2f %9.4f %8.3f %8.3f", 100 * r.within5pct, 100 * r.within10pct,
                         r.mape, r.rmseMs, r.spearman, r.kendall)
        }
        lines.append(line("calibrated (held out)", holdout))
        lines.append(line("calibrated (k-fold CV)", crossValidation))
        for (name, report) in comparison.sorted(by: { $0.key < $1.key }) { lines.append(line(name, report)) }
        lines.append("model saved to \(model)")
        return lines.joined(separator: "\n") + "\n"
    }
}

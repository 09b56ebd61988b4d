/// Which latency predictor: the one parser behind the CLI's `--predictor` and the service's
/// `predictor` field.
public enum PredictorKind: String, CaseIterable, Sendable {
    /// MACs over the device's peak FLOP/s.
    case flops
    /// Per-layer roofline time from the device's measured peaks and bandwidths.
    case roofline
    /// Sum of the device's LUT entries over an arch's layers.
    case lut
    /// A fitted calibration model (baseline + residual, or few-shot transfer).
    case calibrated

    /// The names a user may give, in the order they are listed in errors.
    public static let names = allCases.map(\.rawValue)

    /// Parses `text`, given as `field` (`predictor` in a request, `--predictor` on the command line).
    /// - Throws: ``UseCaseError`` (`badInput`) naming the field, the value and the allowed names.
    public init(parsing text: String, field: String = "predictor") throws(UseCaseError) {
        guard let kind = PredictorKind(rawValue: text) else {
            throw UseCaseError(.badInput, "unknown \(field) '\(text)'; allowed: \(Self.names.joined(separator: ", "))")
        }
        self = kind
    }
}

/// A prediction, calibration or measurement-file problem, naming the offending value and where it
/// came from.
public struct PredictError: Error, CustomStringConvertible, Equatable, Sendable {
    /// What went wrong.
    public enum Code: String, Sendable {
        /// The LUT has no entry for a layer the architecture needs.
        case missingLUTEntry
        /// A predictor needs data (a LUT, a roofline, a calibration) that was not given.
        case missingInput
        /// Fewer training rows than the model has coefficients.
        case tooFewRows
        /// The least-squares solver failed.
        case fitFailed
        /// A measurements CSV is malformed (missing column, bad number, duplicate arch, …).
        case badMeasurements
        /// A calibration file is unreadable, foreign, or for another space or device.
        case badCalibration
    }

    /// What went wrong.
    public var code: Code
    /// One-line explanation with the offending value and its location.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}

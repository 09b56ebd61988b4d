import GRDB

/// What a device's agent does for a job.
public enum JobKind: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    /// Measure the LUT entries of a space's layers that the device lacks.
    case profile
    /// Measure whole architectures end to end.
    case measure

    /// The kinds, as listed in errors.
    public static let names = allCases.map(\.rawValue)
}

/// Hardware families of latency columns: HELP names a device measured at several batch sizes
/// `device_batch` (`titan_rtx_1`, `titan_rtx_32`, `titan_rtx_256`); those columns are one piece
/// of hardware, so a leave-one-hardware-out study removes them together.
public enum HardwareFamily {
    /// The column name without a trailing `_<digits>`.
    public static func of(_ column: String) -> String {
        guard let underscore = column.lastIndex(of: "_") else { return column }
        let suffix = column[column.index(after: underscore)...]
        guard !suffix.isEmpty, suffix.allSatisfy(\.isNumber) else { return column }
        return String(column[..<underscore])
    }
}

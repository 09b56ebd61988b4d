/// The one grammar of device ids, shared by the CLI and the service: 1–128 letters, digits, `-`,
/// `_` or `.`, not starting with `.`, so an id is always a plain file name under `lut/`,
/// `device-profiles/` and `calibration/`.
public enum DeviceID {
    /// The rule, for error messages.
    public static let rule = "1–128 letters, digits, '-', '_' or '.', not starting with '.'"

    /// Whether `id` follows the grammar.
    public static func isValid(_ id: String) -> Bool {
        !id.isEmpty && id.count <= 128 && !id.hasPrefix(".")
            && id.unicodeScalars.allSatisfy { ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || "-_.".unicodeScalars.contains($0) }
    }
}

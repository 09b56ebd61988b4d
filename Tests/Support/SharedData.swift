import Foundation

/// Locates the public data in `../shared/` beside the checkout (CI has it there too).
public enum SharedData {
    /// The package root (two levels above this file's folder).
    public static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// `../shared/<relative>` from the package root.
    public static func url(_ relative: String) -> URL {
        packageRoot.deletingLastPathComponent().appendingPathComponent("shared").appendingPathComponent(relative)
    }

    /// The rows of a CSV file as dictionaries keyed by header (simple CSV: no quoted commas).
    public static func csv(_ relative: String) throws -> [[String: String]] {
        let text = try String(contentsOf: url(relative), encoding: .utf8)
        var lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = lines.removeFirst()
        return lines.map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }
}

import Foundation

/// Comma-separated values for spreadsheets (`--csv`): one line per row, each line ended by `\n`.
///
/// Fields are quoted as RFC 4180 asks: one that holds a comma, a double quote, a carriage
/// return or a line feed is written inside double quotes with every double quote doubled
/// (arch strings hold `|`, `~`, `+` and `-`, which need no quoting; a custom model's name may
/// hold a comma). Numbers are written unformatted, at full precision (`String(describing:)`:
/// the shortest text that reads back as the same `Double`).
enum CSVOutput {
    /// `field` as one CSV field: quoted (quotes doubled) when it holds `,`, `"`, CR or LF.
    static func field(_ field: String) -> String {
        guard field.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) else {
            return field
        }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A number at full precision (`12.345678901234567`, `1e-05`), never rounded for display.
    static func number(_ value: Double) -> String { String(describing: value) }

    /// A whole number.
    static func number(_ value: Int) -> String { String(value) }

    /// One row: the fields quoted where needed, joined by commas, ended by `\n`.
    static func line(_ fields: [String]) -> String {
        fields.map { Self.field($0) }.joined(separator: ",") + "\n"
    }

    /// Writes a whole table to stdout in one go: the `header` row, then each of `rows`.
    static func print(header: [String], rows: some Sequence<[String]>) {
        var text = line(header)
        for row in rows { text += line(row) }
        JSONOutput.write(text)
    }
}

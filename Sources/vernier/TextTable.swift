/// A plain-text table with aligned columns: a header row, then one row per item; each column as
/// wide as its widest cell, two spaces between columns, numbers right-aligned where asked.
struct TextTable {
    /// Column titles.
    let header: [String]
    /// Columns whose cells are right-aligned (numbers).
    let rightAligned: Set<Int>
    /// The rows, one cell per column.
    private(set) var rows: [[String]] = []

    init(header: [String], rightAligned: Set<Int> = []) {
        self.header = header
        self.rightAligned = rightAligned
    }

    /// Adds a row; missing cells are empty.
    mutating func append(_ cells: [String]) {
        rows.append(header.indices.map { $0 < cells.count ? cells[$0] : "" })
    }

    /// The table, one line per row, each ending in a newline; trailing spaces trimmed.
    var text: String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { cells -> String in
            var line = cells.indices.map { column -> String in
                let fill = String(repeating: " ", count: widths[column] - cells[column].count)
                return rightAligned.contains(column) ? fill + cells[column] : cells[column] + fill
            }.joined(separator: "  ")
            while line.hasSuffix(" ") { line.removeLast() }
            return line + "\n"
        }.joined()
    }
}

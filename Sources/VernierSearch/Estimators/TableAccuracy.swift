import VernierModel

/// `table:CSV[#COL]` — accuracies looked up in a table of trained results (e.g. NB201's).
public final class TableAccuracy: AccuracyEstimator {
    private let table: ArchValueTable

    /// Loads the table; without `#COL` the CSV's last column is used.
    public init(spec: String, space: any SearchSpace) throws(SearchError) {
        table = try ArchValueTable(spec: spec, space: space, quantity: "accuracy", defaultToLastColumn: true)
    }

    public var name: String { "table:\(table.path)#\(table.column)" }

    public var notes: [String] { ["accuracy: column \(table.column) of \(table.path) (\(table.values.count) archs)"] }

    public func accuracy(of encoding: Encoding, arch: String) throws(SearchError) -> Double {
        try table.value(encoding, arch: arch)
    }
}

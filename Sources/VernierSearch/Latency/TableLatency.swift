import VernierModel

/// `table:CSV#COL` — latencies looked up in a measured table (e.g. HELP's per-device columns).
public final class TableLatency: LatencySource {
    let table: ArchValueTable

    /// Loads the table.
    public init(spec: String, space: any SearchSpace) throws(SearchError) {
        table = try ArchValueTable(spec: spec, space: space, quantity: "latency", defaultToLastColumn: false)
    }

    public var name: String { "table:\(table.path)#\(table.column)" }

    public var notes: [String] { ["latency: column \(table.column) of \(table.path) (\(table.values.count) archs)"] }

    public func latency(of encoding: Encoding, arch: String) throws(SearchError) -> Double {
        let value = try table.value(encoding, arch: arch)
        guard value > 0 else {
            throw SearchError(.missingArch, "\(table.path)#\(table.column) gives latency \(value) ms for arch \(arch); a latency must be positive")
        }
        return value
    }

    public var choiceTable: ChoiceTable? { nil }

    public func fastest(space: any SearchSpace) -> (arch: String, latencyMs: Double)? {
        var best: (encoding: Encoding, value: Double)?
        for (encoding, value) in table.values where value > 0 {
            if let current = best, value > current.value
                || (value == current.value && !encoding.choices.lexicographicallyPrecedes(current.encoding.choices)) { continue }
            best = (encoding, value)
        }
        return best.map { (space.format($0.encoding), $0.value) }
    }
}

extension TableLatency {
    /// Every positive latency of the table, ascending (for budget percentiles).
    public var sortedLatencies: [Double] { table.values.values.filter { $0 > 0 }.sorted() }
}

import VernierProfiler

/// How far two LUTs of the same layers are apart: per common key, |B − A| / A of the medians.
public struct LUTComparison: Encodable, Sendable {
    /// Keys in both tables.
    public let common: Int
    /// Keys only in the first (A).
    public let onlyFirst: Int
    /// Keys only in the second (B).
    public let onlySecond: Int
    /// Median relative difference.
    public let median: Double
    /// 90th percentile.
    public let p90: Double
    /// 99th percentile.
    public let p99: Double
    /// Largest.
    public let max: Double
    /// Share of common keys within 5 %.
    public let within5pct: Double
    /// Share within 10 %.
    public let within10pct: Double
    /// Per common key, A's and B's medians and (B − A) / A, largest |difference| first; `nil`
    /// unless asked for (encoded only when present).
    public let entries: [LUTEntryDifference]?

    enum CodingKeys: String, CodingKey {
        case common, median, p90, p99, max, entries
        case onlyFirst = "only_first"
        case onlySecond = "only_second"
        case within5pct = "within_5pct"
        case within10pct = "within_10pct"
    }

    /// Compares `b` with the reference `a` (entries of A with a zero median are skipped); with
    /// `entries`, also lists every common key (``LUTEntryDifference``).
    /// - Throws: ``UseCaseError`` (`unprocessable`) when the tables share no layer key.
    public init(_ a: LUTFile, _ b: LUTFile, names: (first: String, second: String), entries: Bool = false) throws {
        let common = Set(a.entries.keys).intersection(b.entries.keys)
        guard !common.isEmpty else { throw UseCaseError(.unprocessable, "\(names.first) and \(names.second) share no layer keys") }
        let diffs = common.compactMap { key -> Double? in
            guard let x = a.entries[key]?.stats.medianMs, let y = b.entries[key]?.stats.medianMs, x > 0 else { return nil }
            return abs(y - x) / x
        }.sorted()
        func quantile(_ q: Double) -> Double {
            diffs.isEmpty ? 0 : diffs[Swift.min(diffs.count - 1, Int(q * Double(diffs.count - 1)))]
        }
        func share(within limit: Double) -> Double {
            diffs.isEmpty ? 0 : Double(diffs.filter { $0 <= limit }.count) / Double(diffs.count)
        }
        self.common = common.count
        onlyFirst = a.entries.count - common.count
        onlySecond = b.entries.count - common.count
        median = quantile(0.5)
        p90 = quantile(0.9)
        p99 = quantile(0.99)
        max = diffs.last ?? 0
        within5pct = share(within: 0.05)
        within10pct = share(within: 0.10)
        self.entries = entries ? LUTEntryDifference.sorted(common.compactMap { key -> LUTEntryDifference? in
            guard let x = a.entries[key]?.stats.medianMs, let y = b.entries[key]?.stats.medianMs else { return nil }
            return LUTEntryDifference(key: key, aMs: x, bMs: y)
        }) : nil
    }
}

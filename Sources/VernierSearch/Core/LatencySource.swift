import VernierModel

/// Where a search gets latencies from: a LUT sum, a calibrated model or a measured table.
public protocol LatencySource: AnyObject {
    /// The spec it was made from, e.g. `lut`, `calibrated:calibration/x.json`, `table:f.csv#pixel3`.
    var name: String { get }
    /// Lines worth showing beside the result.
    var notes: [String] { get }
    /// The latency of one architecture, ms.
    /// - Throws: ``SearchError`` naming the architecture when the source has no value for it.
    func latency(of encoding: Encoding, arch: String) throws(SearchError) -> Double
    /// An exact decomposition `latency = base + Σ table[decision][choice]`, when the source has one
    /// (LUT sums over FBNet blocks do); differentiable searches use it.
    var choiceTable: ChoiceTable? { get }
    /// The fastest architecture the source knows, when it can tell without a search (tables: the
    /// smallest row; additive sources: the smallest choice per decision; others: the minimum over
    /// a space small enough to enumerate, such as NB201).
    func fastest(space: any SearchSpace) -> (arch: String, latencyMs: Double)?
}

extension LatencySource {
    /// Default: nothing to add.
    public var notes: [String] { [] }

    /// Default: the minimum of the choice table, if there is one; else, for a space small enough
    /// to enumerate, the minimum over every arch the source has a latency for (so that an
    /// impossible budget is refused before any accuracy is spent); else `nil`.
    public func fastest(space: any SearchSpace) -> (arch: String, latencyMs: Double)? {
        if let table = choiceTable {
            let encoding = table.minimizing()
            return (space.format(encoding), table.value(encoding))
        }
        guard let all = space.enumerate() else { return nil }
        var best: (arch: String, latencyMs: Double)?
        for encoding in all {
            let arch = space.format(encoding)
            guard let ms = try? latency(of: encoding, arch: arch) else { continue }
            if ms < best?.latencyMs ?? .infinity { best = (arch, ms) }
        }
        return best
    }
}

/// One layer key both compared LUTs have (`lut compare --entries`): its median in each and how
/// far B is from A.
public struct LUTEntryDifference: Encodable, Sendable, Equatable {
    /// Layer key.
    public let key: String
    /// Median latency in the reference table (A), ms.
    public let aMs: Double
    /// Median latency in the other table (B), ms.
    public let bMs: Double
    /// (B − A) / A, signed: positive where B is slower; `nil` where A's median is zero.
    public let relativeDifference: Double?

    enum CodingKeys: String, CodingKey {
        case key
        case aMs = "a_ms"
        case bMs = "b_ms"
        case relativeDifference = "relative_difference"
    }

    /// Creates a row; the relative difference is worked out from the two medians.
    public init(key: String, aMs: Double, bMs: Double) {
        self.key = key
        self.aMs = aMs
        self.bMs = bMs
        relativeDifference = aMs > 0 ? (bMs - aMs) / aMs : nil
    }

    /// The encoded form writes `relative_difference` as `null` (not absent) where it is `nil`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(key, forKey: .key)
        try container.encode(aMs, forKey: .aMs)
        try container.encode(bMs, forKey: .bMs)
        try container.encode(relativeDifference, forKey: .relativeDifference)
    }

    /// Rows sorted by |relative difference|, largest first, rows without one last, then by key.
    public static func sorted(_ rows: [LUTEntryDifference]) -> [LUTEntryDifference] {
        rows.sorted { x, y in
            switch (x.relativeDifference.map(abs), y.relativeDifference.map(abs)) {
            case let (a?, b?) where a != b: return a > b
            case (.some, nil): return true
            case (nil, .some): return false
            default: return x.key < y.key
            }
        }
    }
}

/// The timings of one ``FusionPair`` and nn-Meter's verdict: fused when
/// T1 + T2 − T12 > 0.5 · min(T1, T2), i.e. running the two together saves more than half of the
/// cheaper op.
public struct FusionResult: Codable, Hashable, Sendable {
    /// The rule tested.
    public var rule: String
    /// Shape of the first op's input, `HxWxC`.
    public var shape: String
    /// First op alone, ms.
    public var t1Ms: Double
    /// Second op alone, ms.
    public var t2Ms: Double
    /// Both in one graph, ms.
    public var t12Ms: Double

    /// Creates a result.
    public init(rule: String, shape: String, t1Ms: Double, t2Ms: Double, t12Ms: Double) {
        self.rule = rule
        self.shape = shape
        self.t1Ms = t1Ms
        self.t2Ms = t2Ms
        self.t12Ms = t12Ms
    }

    /// Time saved by running the two together, as a fraction of the cheaper op.
    public var savedFraction: Double { (t1Ms + t2Ms - t12Ms) / min(t1Ms, t2Ms) }

    /// nn-Meter's rule: more than half of the cheaper op is saved.
    public var fused: Bool { savedFraction > 0.5 }

    enum CodingKeys: String, CodingKey {
        case rule, shape, fused
        case t1Ms = "t1_ms"
        case t2Ms = "t2_ms"
        case t12Ms = "t12_ms"
        case savedFraction = "saved_fraction"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        rule = try c.decode(String.self, forKey: .rule)
        shape = try c.decode(String.self, forKey: .shape)
        t1Ms = try c.decode(Double.self, forKey: .t1Ms)
        t2Ms = try c.decode(Double.self, forKey: .t2Ms)
        t12Ms = try c.decode(Double.self, forKey: .t12Ms)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(rule, forKey: .rule)
        try c.encode(shape, forKey: .shape)
        try c.encode(t1Ms, forKey: .t1Ms)
        try c.encode(t2Ms, forKey: .t2Ms)
        try c.encode(t12Ms, forKey: .t12Ms)
        try c.encode(savedFraction, forKey: .savedFraction)
        try c.encode(fused, forKey: .fused)
    }
}

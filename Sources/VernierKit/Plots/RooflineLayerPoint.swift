import VernierModel

/// A layer placed on a roofline: its arithmetic intensity (FLOPs per byte of activations and
/// weights) and the GFLOP/s its LUT entry achieves (FLOPs = 2 · MACs over the median time).
public struct RooflineLayerPoint: Hashable, Sendable {
    /// The layer's LUT key.
    public var key: String
    /// Its op kind (`conv`, `dwconv`, `mbconv`…).
    public var op: String
    /// Floating-point operations, 2 · MACs.
    public var flops: Int
    /// FLOPs per byte moved (``Cost/arithmeticIntensity``).
    public var arithmeticIntensity: Double
    /// The LUT's median time, ms.
    public var medianMs: Double

    /// Creates a point.
    public init(key: String, op: String, flops: Int, arithmeticIntensity: Double, medianMs: Double) {
        self.key = key
        self.op = op
        self.flops = flops
        self.arithmeticIntensity = arithmeticIntensity
        self.medianMs = medianMs
    }

    /// Achieved GFLOP/s: FLOPs / (median ms × 10⁻³ s) / 10⁹.
    public var gflops: Double { Double(flops) / (medianMs * 1e6) }

    /// Whether the point can go on the roofline's log-log axes: FLOPs, bytes and a time that are
    /// all positive and finite.
    public var isPlaceable: Bool {
        flops > 0 && arithmeticIntensity.isFinite && arithmeticIntensity > 0 && medianMs.isFinite && medianMs > 0
    }

    /// The distinct layers of `space` at `resolution` (nil: the space's) that `lut` (layer key →
    /// median ms) times, sorted by key; `missing` counts the layers without an entry, `unplaceable`
    /// those with one that cannot be placed (no FLOPs — pooling, activations, additions — or a zero time).
    public static func layers(of space: any SearchSpace, resolution: Int?, lut: [String: Double])
        -> (points: [RooflineLayerPoint], missing: Int, unplaceable: Int) {
        var points: [RooflineLayerPoint] = []
        var missing = 0, unplaceable = 0
        for layer in space.distinctLayers(resolution: resolution) {
            guard let ms = lut[layer.key] else {
                missing += 1
                continue
            }
            let cost = layer.cost
            let point = RooflineLayerPoint(key: layer.key, op: layer.op.rawValue, flops: cost.flops,
                                           arithmeticIntensity: cost.arithmeticIntensity, medianMs: ms)
            if point.isPlaceable { points.append(point) } else { unplaceable += 1 }
        }
        return (points, missing, unplaceable)
    }
}

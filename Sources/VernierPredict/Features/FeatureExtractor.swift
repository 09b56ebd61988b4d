import VernierModel

/// Turns architectures into numeric features. Every feature is a sum over the architecture's
/// layers, so any linear model on them is additive over layers (which lets
/// ``AdditiveTable`` compile it).
///
/// Features (units in the name): `macs_m`, `params_m`, `activation_mb`, `layers`, `lut_ms`,
/// `roofline_compute_ms`, `roofline_memory_ms`, `roofline_ms` (Σ max of the two), and per op kind
/// `macs_m_<op>` and `count_<op>`; each again as `live_<name>`, summed over the layers an
/// optimising runtime would keep (``VernierModel/Architecture/effectiveNodes``). With a layer-key
/// vocabulary, also `n[<key>]` and `live_n[<key>]`: how many layers of each distinct config the
/// architecture has — a linear model on these is a LUT learned from end-to-end latencies.
public struct FeatureExtractor: Sendable {
    /// Layer key → latency, ms (for `lut_ms`).
    public let lut: [String: Double]?
    /// Roofline (for the `roofline_*` features).
    public let roofline: RooflineModel?

    /// Layer keys counted by the `n[<key>]` features.
    public let layerKeys: [String]
    /// Feature name → position in ``vector(_:)``.
    public let index: [String: Int]
    private let keyPosition: [String: Int]

    /// Creates an extractor; features whose source is missing cannot be asked for.
    public init(lut: [String: Double]?, roofline: RooflineModel?, layerKeys: [String] = []) {
        self.lut = lut
        self.roofline = roofline
        self.layerKeys = layerKeys
        keyPosition = Dictionary(layerKeys.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        var index = Self.baseIndex
        for (k, key) in layerKeys.enumerated() {
            index[Self.countName(key)] = Self.allNames.count + k
            index["live_" + Self.countName(key)] = Self.allNames.count + layerKeys.count + k
        }
        self.index = index
    }

    /// Name of the feature counting layers with `key`.
    public static func countName(_ key: String) -> String { "n[\(key)]" }

    /// The layer keys named by `n[<key>]` / `live_n[<key>]` features among `names`.
    public static func layerKeys(in names: [String]) -> [String] {
        var keys: [String] = []
        var seen = Set<String>()
        for name in names {
            let bare = name.hasPrefix("live_") ? String(name.dropFirst(5)) : name
            guard bare.hasPrefix("n["), bare.hasSuffix("]") else { continue }
            let key = String(bare.dropFirst(2).dropLast())
            if seen.insert(key).inserted { keys.append(key) }
        }
        return keys
    }

    /// Every feature name, in vector order.
    public var names: [String] {
        Self.allNames + layerKeys.map(Self.countName) + layerKeys.map { "live_" + Self.countName($0) }
    }

    /// The per-architecture feature names (without layer counts), in vector order.
    public static let allNames: [String] = {
        var names = ["macs_m", "params_m", "activation_mb", "layers", "lut_ms", "roofline_compute_ms",
                     "roofline_memory_ms", "roofline_ms"]
        for op in OpKind.allCases { names += ["macs_m_\(op.rawValue)", "count_\(op.rawValue)"] }
        return names + names.map { "live_" + $0 }
    }()

    /// Features per layer (the first half of ``allNames``).
    static let perLayerCount = allNames.count / 2

    /// Position of each op kind's `macs_m_<op>` feature.
    static let opOffset: [OpKind: Int] = Dictionary(uniqueKeysWithValues: OpKind.allCases.enumerated().map { ($1, 8 + 2 * $0) })

    /// Position of each of ``allNames``.
    static let baseIndex: [String: Int] = Dictionary(uniqueKeysWithValues: allNames.enumerated().map { ($1, $0) })

    /// Features that need a LUT or a roofline.
    static let lutFeatures: Set<String> = ["lut_ms", "live_lut_ms"]
    static let rooflineFeatures: Set<String> = Set(["roofline_compute_ms", "roofline_memory_ms", "roofline_ms"].flatMap { [$0, "live_" + $0] })

    /// Checks that every name is known and its source available.
    /// - Throws: ``PredictError`` naming the first unknown or unavailable feature.
    public func check(_ names: [String]) throws(PredictError) {
        for name in names {
            guard index[name] != nil else {
                throw PredictError(.missingInput, "unknown feature '\(name)'; known: \(Self.allNames.joined(separator: ", ")), n[<layer key>], live_n[<layer key>]")
            }
            if Self.lutFeatures.contains(name) && lut == nil {
                throw PredictError(.missingInput, "feature '\(name)' needs a LUT (profile the device or give --lut)")
            }
            if Self.rooflineFeatures.contains(name) && roofline == nil {
                throw PredictError(.missingInput, "feature '\(name)' needs the device's roofline (run `vernier roofline`)")
            }
        }
    }

    /// The full feature vector of an architecture (order of ``allNames``). Features whose source
    /// is missing are 0.
    /// - Throws: ``PredictError`` (`missingLUTEntry`) naming the layer key when a LUT is set and
    ///   lacks a layer.
    public func vector(_ architecture: Architecture) throws(PredictError) -> [Double] {
        let half = Self.perLayerCount
        let keys = layerKeys.count
        var v = [Double](repeating: 0, count: 2 * half + 2 * keys)
        let effective = architecture.effectiveNodes
        for (n, node) in architecture.nodes.enumerated() {
            let layer = node.layer
            let cost = layer.cost
            var lutMs = 0.0
            if let lut {
                guard let ms = lut[layer.key] else {
                    throw PredictError(.missingLUTEntry, "the LUT has no entry for layer \(layer.key) (of \(architecture.text)); profile it with `vernier profile --space \(architecture.space == "custom" ? "custom --model <the model's JSON>" : architecture.space)`")
                }
                lutMs = ms
            }
            let t = roofline?.times(cost) ?? (computeMs: 0, memoryMs: 0)
            let op = Self.opOffset[layer.op]!
            // Block 0 sums over every layer; block `half` (the live_ features) over effective ones.
            for base in stride(from: 0, through: effective[n] ? half : 0, by: max(half, 1)) {
                v[base] += Double(cost.macs) / 1e6
                v[base + 1] += Double(cost.params) / 1e6
                v[base + 2] += Double(cost.activationBytes) / 1e6
                v[base + 3] += 1
                v[base + 4] += lutMs
                v[base + 5] += t.computeMs
                v[base + 6] += t.memoryMs
                v[base + 7] += max(t.computeMs, t.memoryMs)
                v[base + op] += Double(cost.macs) / 1e6
                v[base + op + 1] += 1
            }
            if let k = keyPosition[layer.key] {
                v[2 * half + k] += 1
                if effective[n] { v[2 * half + keys + k] += 1 }
            }
        }
        return v
    }

    /// Selected features of an architecture, in the order of `names`.
    public func values(_ architecture: Architecture, names: [String]) throws(PredictError) -> [Double] {
        let all = try vector(architecture)
        return names.map { all[index[$0]!] }
    }
}

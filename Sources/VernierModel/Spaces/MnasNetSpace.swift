/// The MnasNet factorized hierarchical space (Tan et al. 2019): 7 blocks, each choosing its op,
/// kernel, squeeze-and-excitation, skip, filter multiplier and layer-count delta, on the
/// MnasNet-A1 skeleton: stem 3×3 s2 → 32; blocks (filters, layers, stride) (16,1,1) (24,2,2)
/// (40,3,2) (80,4,2) (112,2,1) (160,3,2) (320,1,1); head 1×1 → 1280, global pool, FC 1000.
///
/// A block is written `<op>_k<3|5>_<se|nose>_<id|noskip>_x<0.75|1.0|1.25>_<fewer|same|more>` and the 7
/// blocks are joined by `-`. Ops: `conv` (regular conv), `sep` (depthwise separable), `mb3`/`mb6`
/// (MBConv, expansion 3/6). SE uses ratio 0.25 of the layer's input filters. `fewer`/`more` change
/// the block's layer count by one. A block keeps at
/// least one layer. The paper's pooling skip is not modelled.
public struct MnasNetSpace: SearchSpace {
    /// The per-block decision choices, in field order.
    public static let fields: [(name: String, choices: [String])] = [
        ("op", ["conv", "sep", "mb3", "mb6"]),
        ("kernel", ["k3", "k5"]),
        ("se", ["nose", "se"]),
        ("skip", ["noskip", "id"]),
        ("filters", ["x0.75", "x1.0", "x1.25"]),
        ("layers", ["fewer", "same", "more"]),
    ]
    /// The base skeleton (MnasNet-A1): filters, layers and stride per block.
    public static let base: [(filters: Int, layers: Int, stride: Int)] = [
        (16, 1, 1), (24, 2, 2), (40, 3, 2), (80, 4, 2), (112, 2, 1), (160, 3, 2), (320, 1, 1),
    ]
    /// MnasNet-A1 as published (TensorFlow TPU reference `mnasnet_a1`).
    public static let a1 = [
        "sep_k3_nose_noskip_x1.0_same", "mb6_k3_nose_id_x1.0_same", "mb3_k5_se_id_x1.0_same",
        "mb6_k3_nose_id_x1.0_same", "mb6_k3_se_id_x1.0_same", "mb6_k5_se_id_x1.0_same", "mb6_k3_nose_id_x1.0_same",
    ].joined(separator: "-")

    /// Creates the space.
    public init() {}

    public var name: String { "mnasnet" }
    public var summary: String { "MnasNet factorized hierarchical space, 7 blocks x (op, kernel, SE, skip, filters, layers)" }
    public var defaultResolution: Int { 224 }
    public var namedArchitectures: [(name: String, arch: String)] { [("mnasnet-a1", Self.a1)] }
    public var decisions: [Decision] {
        (1...7).flatMap { block in Self.fields.map { Decision(name: "block \(block) \($0.name)", choices: $0.choices) } }
    }

    public func parse(_ text: String) throws(ArchError) -> Encoding {
        let blockFormat = Self.fields.map { "<\($0.name): \($0.choices.joined(separator: "|"))>" }.joined(separator: "_")
        let merged = Token.split(Substring(text), on: "-")
        guard merged.count == 7 else {
            throw ArchError(.wrongCount, value: text, location: "whole string (\(merged.count) blocks)",
                            allowed: "7 blocks joined by '-', each \(blockFormat)")
        }
        let decisionList = decisions
        var choices: [UInt8] = []
        choices.reserveCapacity(42)
        for (b, block) in merged.enumerated() {
            let parts = Token.split(block.text, on: "_", startingAt: block.position)
            guard parts.count == Self.fields.count else {
                throw ArchError(.malformedArch, value: String(block.text), location: "\(block.location) (block \(b + 1))",
                                allowed: blockFormat)
            }
            for part in parts { choices.append(try part.choice(of: decisionList[choices.count], space: name)) }
        }
        return Encoding(choices)
    }

    public func format(_ encoding: Encoding) -> String {
        (0..<7).map { b in
            Self.fields.indices.map { f in Self.fields[f].choices[Int(encoding.choices[b * 6 + f])] }.joined(separator: "_")
        }.joined(separator: "-")
    }

    public func coveringEncodings(resolution: Int) -> [Encoding] {
        // A layer depends on its block's op/kernel/SE/skip/filters and on the previous block's
        // filters. Filters index (a + b·i) mod 3 at block i covers all 9 (previous, own) pairs
        // at every block as (a, b) range over 3×3; one extra layer per block covers repeats.
        var result: [Encoding] = []
        for op in 0..<4 { for kernel in 0..<2 { for se in 0..<2 { for skip in 0..<2 {
            for a in 0..<3 { for b in 0..<3 {
                var choices: [UInt8] = []
                for block in 0..<7 {
                    choices += [UInt8(op), UInt8(kernel), UInt8(se), UInt8(skip), UInt8((a + b * block) % 3), 2]
                }
                result.append(Encoding(choices))
            } }
        } } } }
        return result
    }

    public func architecture(_ encoding: Encoding, resolution: Int) -> Architecture {
        var graph = GraphBuilder(input: Shape(side: resolution, channels: 3))
        graph.append(.conv(input: graph.shape, cout: 32, kernel: 3, stride: 2, activation: .relu))
        for (b, base) in Self.base.enumerated() {
            let c = encoding.choices[(b * 6)..<(b * 6 + 6)].map(Int.init)
            let filters = makeDivisible(Double(base.filters) * [0.75, 1.0, 1.25][c[4]])
            let layers = max(1, base.layers + c[5] - 1)
            for i in 0..<layers {
                graph.append(Self.layer(op: c[0], kernel: c[1] == 0 ? 3 : 5, se: c[2] == 1, skip: c[3] == 1,
                                        input: graph.shape, cout: filters, stride: i == 0 ? base.stride : 1))
            }
        }
        graph.append(.conv(input: graph.shape, cout: 1280, kernel: 1, activation: .relu))
        graph.append(.globalPool(input: graph.shape))
        graph.append(.fc(input: graph.shape, cout: 1000))
        return graph.build(space: name, text: format(encoding))
    }

    /// One layer of a block.
    static func layer(op: Int, kernel: Int, se: Bool, skip: Bool, input: Shape, cout: Int, stride: Int) -> LayerConfig {
        let residual = skip && stride == 1 && input.channels == cout
        let reduced = se ? max(1, Int(Double(input.channels) * 0.25)) : 0
        switch op {
        case 0:
            return .conv(input: input, cout: cout, kernel: kernel, stride: stride, activation: .relu,
                         seChannels: reduced, residual: residual)
        case 1:
            return .sepconv(input: input, cout: cout, kernel: kernel, stride: stride, seChannels: reduced,
                            activation: .relu, residual: residual)
        default:
            let expansion = op == 2 ? 3 : 6
            return .mbconv(input: input, cout: cout, kernel: kernel, stride: stride, expansion: expansion,
                           mid: input.channels * expansion, seChannels: reduced, activation: .relu, residual: residual)
        }
    }
}

/// The FBNet layer-wise space: 22 searchable blocks, each one of 9 candidates, in the macro
/// architecture of Wu et al. (2019): stem 3×3 s2 → 16; stages (c, n, s) (16,1,1) (24,4,2) (32,4,2)
/// (64,4,2) (112,4,1) (184,4,2) (352,1,1); head 1×1 → 1984, global pool, FC 1000.
public struct FBNetSpace: SearchSpace {
    /// The candidate blocks, in the index order of the HELP / HW-NAS-Bench `op_idx_list`.
    public static let blocks = ["k3_e1", "k3_e1_g2", "k3_e3", "k3_e6", "k5_e1", "k5_e1_g2", "k5_e3", "k5_e6", "skip"]
    /// Stages as (output channels, blocks, stride of the first block).
    public static let stages: [(channels: Int, count: Int, stride: Int)] = [
        (16, 1, 1), (24, 4, 2), (32, 4, 2), (64, 4, 2), (112, 4, 1), (184, 4, 2), (352, 1, 1),
    ]
    /// FBNet-B and FBNet-C as defined in facebookresearch/mobile-vision
    /// (`fbnet_modeldef_cls_fbnet.py`). FBNet-A uses a 1504-wide head and is outside this space.
    public static let named: [(name: String, arch: String)] = [
        ("fbnet-b", ["k3_e1", "k3_e6", "k5_e1", "k3_e1", "k3_e1", "k5_e6", "k5_e3", "k3_e6", "k5_e6", "k5_e6", "k5_e6",
                     "skip", "k5_e3", "k5_e6", "k3_e1", "k5_e1", "k5_e3", "k5_e6", "k5_e1", "k5_e6", "k5_e6", "k3_e6"]
            .joined(separator: "-")),
        ("fbnet-c", ["k3_e1", "k3_e6", "skip", "k3_e1", "k3_e1", "k5_e6", "k5_e3", "k5_e6", "k3_e6", "k5_e6", "k5_e3",
                     "k5_e6", "k5_e6", "k5_e6", "k5_e6", "k5_e6", "k5_e3", "k5_e6", "k5_e6", "k5_e6", "k5_e6", "k3_e6"]
            .joined(separator: "-")),
    ]

    /// Creates the space.
    public init() {}

    public var name: String { "fbnet" }
    public var summary: String { "FBNet layer-wise space, 22 blocks x 9 candidates, ImageNet macro (default 224)" }
    public var defaultResolution: Int { 224 }
    public var decisions: [Decision] { (1...22).map { Decision(name: "block \($0)", choices: Self.blocks) } }
    public var namedArchitectures: [(name: String, arch: String)] { Self.named }

    public func parse(_ text: String) throws(ArchError) -> Encoding {
        let tokens = Token.split(Substring(text), on: "-")
        guard tokens.count == 22 else {
            throw ArchError(.wrongCount, value: text, location: "whole string (\(tokens.count) blocks)",
                            allowed: "22 blocks joined by '-', each one of \(Self.blocks.joined(separator: ", "))")
        }
        let decisionList = decisions
        var choices = [UInt8](repeating: 0, count: 22)
        for (i, token) in tokens.enumerated() { choices[i] = try token.choice(of: decisionList[i], space: name) }
        return Encoding(choices)
    }

    public func format(_ encoding: Encoding) -> String {
        encoding.choices.map { Self.blocks[Int($0)] }.joined(separator: "-")
    }

    public func coveringEncodings(resolution: Int) -> [Encoding] {
        // Block shapes depend only on their position, so "every block = candidate c" for each c
        // covers every (position, candidate) layer.
        (0..<Self.blocks.count).map { Encoding([UInt8](repeating: UInt8($0), count: 22)) }
    }

    public func architecture(_ encoding: Encoding, resolution: Int) -> Architecture {
        var graph = GraphBuilder(input: Shape(side: resolution, channels: 3))
        graph.append(.conv(input: graph.shape, cout: 16, kernel: 3, stride: 2, activation: .relu))
        var position = 0
        for stage in Self.stages {
            for i in 0..<stage.count {
                let stride = i == 0 ? stage.stride : 1
                if let layer = Self.block(Int(encoding.choices[position]), input: graph.shape,
                                          cout: stage.channels, stride: stride) {
                    graph.append(layer)
                }
                position += 1
            }
        }
        graph.append(.conv(input: graph.shape, cout: 1984, kernel: 1, activation: .relu))
        graph.append(.globalPool(input: graph.shape))
        graph.append(.fc(input: graph.shape, cout: 1000))
        return graph.build(space: name, text: format(encoding))
    }

    /// The layer of candidate `index` (`nil` for an identity skip).
    /// `kK_eE[_g2]`: MBConv with a 1×1 expansion to `cin·E` (none when E = 1), depthwise K×K,
    /// 1×1 projection (grouped for `_g2`), ReLU, residual when the shape is kept (as in
    /// mobile-vision's FBNet definition).
    /// `skip`: identity, or a 1×1 conv + BN + ReLU with the block's stride where the shape changes.
    static func block(_ index: Int, input: Shape, cout: Int, stride: Int) -> LayerConfig? {
        let keepsShape = stride == 1 && input.channels == cout
        let name = blocks[index]
        if name == "skip" {
            return keepsShape ? nil : .conv(input: input, cout: cout, kernel: 1, stride: stride, activation: .relu)
        }
        let kernel = name.hasPrefix("k5") ? 5 : 3
        let expansion = name.contains("e6") ? 6 : name.contains("e3") ? 3 : 1
        let groups = name.hasSuffix("g2") ? 2 : 1
        return .mbconv(input: input, cout: cout, kernel: kernel, stride: stride, expansion: expansion,
                       mid: input.channels * expansion, groups: groups, activation: .relu, residual: keepsShape)
    }
}

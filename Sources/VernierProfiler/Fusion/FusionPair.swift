import VernierModel

/// Two adjacent ops whose fusion is tested, as nn-Meter does: `first` alone (T1), `second` alone
/// (T2) and the two in one graph (T12). `second` reads `first`'s output, and for a residual `add`
/// also the graph input.
public struct FusionPair: Hashable, Sendable {
    /// The rule the pair tests, e.g. `conv+relu`.
    public var rule: String
    /// The first op.
    public var first: LayerConfig
    /// The op applied to the first op's output.
    public var second: LayerConfig

    /// Creates a pair.
    public init(rule: String, first: LayerConfig, second: LayerConfig) {
        self.rule = rule
        self.first = first
        self.second = second
    }

    /// `first` as a one-node graph (every input of an `add` reads the graph input).
    public var firstAlone: Architecture { Self.graph(rule + "/1", input: first.input, [(first, Self.imageInputs(first))]) }

    /// `second` as a one-node graph.
    public var secondAlone: Architecture { Self.graph(rule + "/2", input: second.input, [(second, Self.imageInputs(second))]) }

    /// The two ops in one graph: `second` reads `first` (and the graph input, for an `add`).
    public var together: Architecture {
        let secondInputs = [0] + Array(repeating: Node.networkInput, count: max(1, second.inputs) - 1)
        return Self.graph(rule, input: first.input, [(first, Self.imageInputs(first)), (second, secondInputs)])
    }

    /// The graph input once per input tensor of `layer`.
    private static func imageInputs(_ layer: LayerConfig) -> [Int] {
        Array(repeating: Node.networkInput, count: max(1, layer.inputs))
    }

    private static func graph(_ name: String, input: Shape, _ nodes: [(LayerConfig, [Int])]) -> Architecture {
        Architecture(space: "fusion", text: name, input: input, nodes: nodes.map { Node(layer: $0.0, inputs: $0.1) })
    }

    /// The pairs Vernier tests, each at two shapes chosen so that the second op is not lost in
    /// the first one's noise (narrow 1×1 convs): 1×1 conv and depthwise conv followed by each
    /// activation, conv followed by a residual add, add followed by ReLU, max pooling followed by
    /// ReLU, and two conv→conv controls that no runtime fuses element-wise.
    public static let standard: [FusionPair] = {
        var pairs: [FusionPair] = []
        for shape in [Shape(side: 112, channels: 16), Shape(side: 56, channels: 32)] {
            let c = shape.channels
            let pw = LayerConfig.conv(input: shape, cout: c, kernel: 1)
            let dw = LayerConfig.dwconv(input: shape, kernel: 3)
            let act = { (a: Activation) in LayerConfig(op: .act, input: shape, output: shape, activation: a) }
            for a in [Activation.relu, .relu6, .hswish, .sigmoid] {
                pairs.append(FusionPair(rule: "conv+\(a.rawValue)", first: pw, second: act(a)))
                pairs.append(FusionPair(rule: "dwconv+\(a.rawValue)", first: dw, second: act(a)))
            }
            pairs.append(FusionPair(rule: "conv+add", first: pw, second: .add(shape: shape, count: 2)))
            pairs.append(FusionPair(rule: "add+relu", first: .add(shape: shape, count: 2), second: act(.relu)))
            pairs.append(FusionPair(rule: "maxpool+relu", first: .pool(.maxpool, input: shape, kernel: 3, stride: 1),
                                    second: act(.relu)))
            pairs.append(FusionPair(rule: "conv+conv (control)", first: pw, second: pw))
            pairs.append(FusionPair(rule: "dwconv+conv (control)", first: dw, second: pw))
        }
        return pairs
    }()
}

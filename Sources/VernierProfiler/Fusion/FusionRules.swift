import VernierModel

/// Which adjacent ops a runtime fuses (rules like `conv+relu`, from ``FusionDetector``), and the
/// split of a layer into the primitive ops a LUT can time one by one: with no rules every conv,
/// activation, SE, shuffle and residual add is its own entry; with rules, an activation joins
/// the conv, depthwise conv or add before it, and a residual add is dropped after a conv it
/// fuses into (its cost is absorbed).
public struct FusionRules: Hashable, Sendable {
    /// The fused rules, e.g. `conv+relu`, `add+relu`, `conv+add`.
    public var rules: Set<String>

    /// Creates rules.
    public init(_ rules: Set<String>) { self.rules = rules }

    /// No fusion at all.
    public static let none = FusionRules([])

    /// The rules fused at every shape tested (controls excluded).
    public init(results: [FusionResult]) {
        let byRule = Dictionary(grouping: results.filter { !$0.rule.contains("control") }, by: \.rule)
        rules = Set(byRule.filter { $0.value.allSatisfy(\.fused) }.keys)
    }

    /// `layer` as primitive ops in execution order, merged by these rules.
    public func primitives(of layer: LayerConfig) -> [LayerConfig] {
        merge(Self.unfused(layer))
    }

    /// One primitive: an op and whether it is a residual add (it reads the block input).
    struct Step {
        var layer: LayerConfig
        var residual = false
    }

    /// The primitive ops of `layer` before any fusion.
    static func unfused(_ layer: LayerConfig) -> [Step] {
        func act(_ shape: Shape, _ a: Activation) -> Step { Step(layer: LayerConfig(op: .act, input: shape, output: shape, activation: a)) }
        func se(_ shape: Shape) -> Step {
            Step(layer: LayerConfig(op: .se, input: shape, output: shape, seChannels: layer.seChannels, seGate: layer.seGate))
        }
        let out = layer.output
        var steps: [Step] = []
        switch layer.op {
        case .conv:
            if layer.preActivation { steps.append(act(layer.input, .relu)) }
            var conv = layer
            conv.preActivation = false
            conv.activation = .none
            conv.seChannels = 0
            conv.seGate = .sigmoid
            conv.residual = false
            steps.append(Step(layer: conv))
            if layer.activation != .none { steps.append(act(out, layer.activation)) }
            if layer.seChannels > 0 { steps.append(se(out)) }
            if layer.residual { steps.append(Step(layer: .add(shape: out, count: 2), residual: true)) }
        case .dwconv, .fc, .bn:
            var bare = layer
            bare.activation = .none
            steps.append(Step(layer: bare))
            if layer.activation != .none { steps.append(act(out, layer.activation)) }
        case .add:
            var bare = layer
            bare.activation = .none
            steps.append(Step(layer: bare))
            if layer.activation != .none { steps.append(act(out, layer.activation)) }
        case .mbconv:
            let mid = layer.midChannels
            let inMid = Shape(height: layer.input.height, width: layer.input.width, channels: mid)
            let outMid = Shape(height: out.height, width: out.width, channels: mid)
            if layer.expansion > 1 || mid != layer.input.channels {
                steps.append(Step(layer: .conv(input: layer.input, cout: mid, kernel: 1, groups: layer.groups)))
                steps.append(act(inMid, layer.activation))
                if layer.groups > 1 {
                    steps.append(Step(layer: LayerConfig(op: .shuffle, input: inMid, output: inMid, groups: layer.groups)))
                }
            }
            steps.append(Step(layer: .dwconv(input: inMid, kernel: layer.kernel, stride: layer.stride)))
            steps.append(act(outMid, layer.activation))
            if layer.seChannels > 0 { steps.append(se(outMid)) }
            steps.append(Step(layer: .conv(input: outMid, cout: out.channels, kernel: 1, groups: layer.groups)))
            if layer.residual { steps.append(Step(layer: .add(shape: out, count: 2), residual: true)) }
        case .avgpool, .maxpool, .globalpool, .shuffle, .se, .act, .zero:
            steps.append(Step(layer: layer))
        }
        return steps.filter { $0.layer.op != .act || $0.layer.activation != .none }
    }

    /// Applies the rules to a primitive sequence.
    func merge(_ steps: [Step]) -> [LayerConfig] {
        var result: [LayerConfig] = []
        var index = 0
        while index < steps.count {
            var current = steps[index]
            index += 1
            let mergesActivation = [OpKind.conv, .dwconv, .add].contains(current.layer.op) && current.layer.activation == .none
            if mergesActivation, index < steps.count, steps[index].layer.op == .act,
               rules.contains("\(current.layer.op.rawValue)+\(steps[index].layer.activation.rawValue)") {
                current.layer.activation = steps[index].layer.activation
                index += 1
            }
            if current.layer.op == .conv, index < steps.count, steps[index].residual, rules.contains("conv+add") {
                if current.layer.input == current.layer.output && current.layer.stride == 1 {
                    current.layer.residual = true
                }
                // Otherwise (a block's projection conv) the add is absorbed into the conv's epilogue.
                index += 1
            }
            result.append(current.layer)
        }
        return result
    }
}

/// The Once-for-All MobileNetV3 space (`ofa_mbv3_d234_e346_k357_w1.2`): resolution 128–224 step 4,
/// 5 elastic stages of depth 2–4, and per block (20 slots) kernel 3/5/7 and expansion 3/4/6.
/// Written `r=<res>;d=<5 depths>;ks=<20 kernels>;e=<20 expansions>` with `-` between values, as
/// in the HELP OFA table; slots beyond a stage's depth are kept in the string but unused.
///
/// Network (width 1.2): stem 3×3 s2 → 24 h-swish; SepConv 3×3 24 → 24 ReLU with residual;
/// stages (width, stride, act, SE) (32,2,relu,–) (48,2,relu,SE) (96,2,h-swish,–)
/// (136,1,h-swish,SE) (192,2,h-swish,SE); 1×1 → 1152 h-swish; global pool; 1×1 → 1536 h-swish
/// (no BN); FC 1000. MBConv hidden width `make_divisible(cin·e, 8)`, SE width
/// `make_divisible(mid/4, 8)` with an h-sigmoid gate.
public struct OFAMobileNetV3Space: SearchSpace {
    /// Allowed resolutions.
    public static let resolutions = Array(stride(from: 128, through: 224, by: 4))
    /// Elastic stages: width, stride, activation, squeeze-and-excitation.
    public static let stages: [(width: Int, stride: Int, activation: Activation, se: Bool)] = [
        (32, 2, .relu, false), (48, 2, .relu, true), (96, 2, .hswish, false), (136, 1, .hswish, true),
        (192, 2, .hswish, true),
    ]
    static let depthChoices = ["2", "3", "4"]
    static let kernelChoices = ["3", "5", "7"]
    static let expansionChoices = ["3", "4", "6"]
    static let sections = ["r", "d", "ks", "e"]

    /// Creates the space.
    public init() {}

    public var name: String { "ofa-mbv3" }
    public var summary: String { "Once-for-All MobileNetV3 w1.2, r 128-224, depth 2-4 x 5 stages, k 3/5/7, e 3/4/6" }
    public var defaultResolution: Int { 224 }
    /// The `r=` field of each arch is its resolution.
    public var resolutionIsInArch: Bool { true }

    /// Resets the kernel and expansion of every slot beyond its stage's depth to the first choice:
    /// those slots are written in the string but not in the network.
    public func canonical(_ encoding: Encoding) -> Encoding {
        var choices = encoding.choices
        for stage in 0..<5 {
            let depth = Int(Self.depthChoices[Int(choices[1 + stage])])!
            for block in depth..<4 {
                choices[6 + stage * 4 + block] = 0
                choices[26 + stage * 4 + block] = 0
            }
        }
        return Encoding(choices)
    }
    public var decisions: [Decision] {
        [Decision(name: "r", choices: Self.resolutions.map(String.init))]
            + (1...5).map { Decision(name: "d \($0)", choices: Self.depthChoices) }
            + (1...20).map { Decision(name: "ks \($0)", choices: Self.kernelChoices) }
            + (1...20).map { Decision(name: "e \($0)", choices: Self.expansionChoices) }
    }

    public func parse(_ text: String) throws(ArchError) -> Encoding {
        let grammar = "r=<128..224 step 4>;d=<5 of 2|3|4>;ks=<20 of 3|5|7>;e=<20 of 3|4|6>"
        let parts = Token.split(Substring(text), on: ";")
        guard parts.count == 4 else {
            throw ArchError(.wrongCount, value: text, location: "whole string (\(parts.count) sections)", allowed: grammar)
        }
        let decisionList = decisions
        var choices: [UInt8] = []
        choices.reserveCapacity(46)
        for (section, part) in zip(Self.sections, parts) {
            let prefix = section + "="
            guard part.text.hasPrefix(prefix) else {
                throw ArchError(.malformedArch, value: String(part.text), location: part.location,
                                allowed: "section '\(prefix)...' (\(grammar))")
            }
            let values = Token.split(part.text.dropFirst(prefix.count), on: "-", startingAt: part.position + prefix.count)
            let expected = ["r": 1, "d": 5, "ks": 20, "e": 20][section]!
            guard values.count == expected else {
                throw ArchError(.wrongCount, value: String(part.text), location: "\(part.location) (\(values.count) values)",
                                allowed: "\(expected) values in '\(section)' (\(grammar))")
            }
            for value in values { choices.append(try value.choice(of: decisionList[choices.count], space: name)) }
        }
        return Encoding(choices)
    }

    public func format(_ encoding: Encoding) -> String {
        let c = encoding.choices.map(Int.init)
        let r = Self.resolutions[c[0]]
        let d = c[1...5].map { Self.depthChoices[$0] }.joined(separator: "-")
        let ks = c[6..<26].map { Self.kernelChoices[$0] }.joined(separator: "-")
        let e = c[26..<46].map { Self.expansionChoices[$0] }.joined(separator: "-")
        return "r=\(r);d=\(d);ks=\(ks);e=\(e)"
    }

    /// The resolution written in an encoding.
    public func resolution(of encoding: Encoding) -> Int { Self.resolutions[Int(encoding.choices[0])] }

    public func coveringEncodings(resolution: Int) -> [Encoding] {
        // Every slot exists at depth 4 and its input shape does not depend on other choices, so
        // "all slots = (k, e)" at each resolution covers every layer.
        Self.resolutions.indices.flatMap { r in
            (0..<3).flatMap { k in
                (0..<3).map { e in
                    Encoding([UInt8(r)] + [UInt8](repeating: 2, count: 5) + [UInt8](repeating: UInt8(k), count: 20)
                             + [UInt8](repeating: UInt8(e), count: 20))
                }
            }
        }
    }

    /// The resolution comes from the string; `resolution` is ignored.
    public func architecture(_ encoding: Encoding, resolution: Int) -> Architecture {
        let c = encoding.choices.map(Int.init)
        var graph = GraphBuilder(input: Shape(side: Self.resolutions[c[0]], channels: 3))
        graph.append(.conv(input: graph.shape, cout: 24, kernel: 3, stride: 2, activation: .hswish))
        graph.append(.sepconv(input: graph.shape, cout: 24, kernel: 3, stride: 1, activation: .relu, residual: true))
        for (s, stage) in Self.stages.enumerated() {
            let depth = Int(Self.depthChoices[c[1 + s]])!
            for i in 0..<depth {
                let slot = s * 4 + i
                let kernel = Int(Self.kernelChoices[c[6 + slot]])!
                let expansion = Int(Self.expansionChoices[c[26 + slot]])!
                let input = graph.shape
                let mid = makeDivisible(Double(input.channels * expansion))
                graph.append(.mbconv(
                    input: input, cout: stage.width, kernel: kernel, stride: i == 0 ? stage.stride : 1,
                    expansion: expansion, mid: mid, seChannels: stage.se ? makeDivisible(Double(mid / 4)) : 0,
                    seGate: .hsigmoid, activation: stage.activation, residual: i > 0))
            }
        }
        graph.append(.conv(input: graph.shape, cout: 1152, kernel: 1, activation: .hswish))
        graph.append(.globalPool(input: graph.shape))
        graph.append(.conv(input: graph.shape, cout: 1536, kernel: 1, activation: .hswish, batchNorm: false))
        graph.append(.fc(input: graph.shape, cout: 1000))
        return graph.build(space: name, text: format(encoding))
    }
}

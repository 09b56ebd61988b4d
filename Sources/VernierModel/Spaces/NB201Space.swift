/// NAS-Bench-201: a cell of 4 nodes and 6 edges, each edge one of 5 ops, placed in the CIFAR
/// network (stem 3×3→16; 3 stages × 5 cells with C = 16/32/64; ResNet reduction blocks; BN+ReLU;
/// global pool; FC 10). 15,625 architectures.
public struct NB201Space: SearchSpace {
    /// The edge ops, in the order used by NAS-Bench-201.
    public static let ops = ["none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3"]
    /// Edges `(to, from)` in the canonical order of the string.
    public static let edges: [(to: Int, from: Int)] = [(1, 0), (2, 0), (2, 1), (3, 0), (3, 1), (3, 2)]

    /// Creates the space.
    public init() {}

    public var name: String { "nb201" }
    public var summary: String { "NAS-Bench-201 CIFAR cell space, 6 edges x 5 ops, 15,625 archs" }
    public var defaultResolution: Int { 32 }
    public var decisions: [Decision] {
        Self.edges.map { Decision(name: "edge \($0.to)<-\($0.from)", choices: Self.ops) }
    }

    public func parse(_ text: String) throws(ArchError) -> Encoding {
        let grammar = "|op~0|+|op~0|op~1|+|op~0|op~1|op~2| with op in \(Self.ops.joined(separator: ", "))"
        let groups = Token.split(Substring(text), on: "+")
        guard groups.count == 3 else {
            throw ArchError(.wrongCount, value: text, location: "whole string (\(groups.count) node groups)",
                            allowed: "3 node groups separated by '+': \(grammar)")
        }
        let decisionList = decisions
        var choices: [UInt8] = []
        choices.reserveCapacity(6)
        for (node, group) in groups.enumerated() {
            let pieces = Token.split(group.text, on: "|", startingAt: group.position)
            // "|a|b|" splits into ["", "a", "b", ""].
            guard pieces.count == node + 3, pieces.first!.text.isEmpty, pieces.last!.text.isEmpty else {
                throw ArchError(.malformedArch, value: String(group.text), location: "\(group.location) (node \(node + 1))",
                                allowed: "node \(node + 1) has \(node + 1) edges written |op~0|...|op~\(node)|")
            }
            for (from, piece) in pieces.dropFirst().dropLast().enumerated() {
                let parts = Token.split(piece.text, on: "~", startingAt: piece.position)
                guard parts.count == 2, parts[1].text == Substring(String(from)) else {
                    throw ArchError(.malformedArch, value: String(piece.text), location: piece.location,
                                    allowed: "op~\(from) (edge \(node + 1)<-\(from))")
                }
                choices.append(try parts[0].choice(of: decisionList[choices.count], space: name))
            }
        }
        return Encoding(choices)
    }

    public func format(_ encoding: Encoding) -> String {
        var text = ""
        var i = 0
        for node in 1...3 {
            if node > 1 { text += "+" }
            text += "|"
            for from in 0..<node {
                text += "\(Self.ops[Int(encoding.choices[i])])~\(from)|"
                i += 1
            }
        }
        return text
    }

    public func enumerate() -> [Encoding]? {
        (0..<15_625).map { index in
            var rest = index
            var choices = [UInt8](repeating: 0, count: 6)
            for edge in (0..<6).reversed() {
                choices[edge] = UInt8(rest % 5)
                rest /= 5
            }
            return Encoding(choices)
        }
    }

    public func coveringEncodings(resolution: Int) -> [Encoding] { enumerate()! }

    /// Sets to `none` every edge that is not on a path of non-`none` edges from the cell's input
    /// (node 0) to its output (node 3): such an edge feeds a node whose value never reaches the
    /// output, or reads a node that is always zero.
    public func canonical(_ encoding: Encoding) -> Encoding {
        let on = encoding.choices.map { $0 != 0 }
        var fromInput: Set<Int> = [0]
        for node in 1...3 where Self.edges.indices.contains(where: { on[$0] && Self.edges[$0].to == node && fromInput.contains(Self.edges[$0].from) }) {
            fromInput.insert(node)
        }
        var toOutput: Set<Int> = [3]
        for node in [2, 1, 0] where Self.edges.indices.contains(where: { on[$0] && Self.edges[$0].from == node && toOutput.contains(Self.edges[$0].to) }) {
            toOutput.insert(node)
        }
        return Encoding(encoding.choices.indices.map { edge in
            on[edge] && fromInput.contains(Self.edges[edge].from) && toOutput.contains(Self.edges[edge].to) ? encoding.choices[edge] : 0
        })
    }

    public func architecture(_ encoding: Encoding, resolution: Int) -> Architecture {
        var graph = GraphBuilder(input: Shape(side: resolution, channels: 3))
        graph.append(.conv(input: graph.shape, cout: 16, kernel: 3))
        for (stage, channels) in [16, 32, 64].enumerated() {
            if stage > 0 { appendReductionBlock(&graph, cout: channels) }
            for _ in 0..<5 { appendCell(&graph, encoding: encoding) }
        }
        graph.append(.bn(shape: graph.shape, activation: .relu))
        graph.append(.globalPool(input: graph.shape))
        graph.append(.fc(input: graph.shape, cout: 10))
        return graph.build(space: name, text: format(encoding))
    }

    /// ResNet basic block with stride 2: ReLUConvBN 3×3 s2, ReLUConvBN 3×3, and a shortcut of
    /// AvgPool 2×2 s2 + 1×1 conv (no BN).
    private func appendReductionBlock(_ graph: inout GraphBuilder, cout: Int) {
        let input = graph.current
        let shape = graph.shape
        graph.append(.conv(input: shape, cout: cout, kernel: 3, stride: 2, preActivation: true))
        let main = graph.append(.conv(input: graph.shape, cout: cout, kernel: 3, preActivation: true))
        graph.append(.pool(.avgpool, input: shape, kernel: 2, stride: 2, padding: 0), inputs: [input])
        let shortcut = graph.append(.conv(input: graph.shape, cout: cout, kernel: 1, batchNorm: false))
        graph.append(.add(shape: graph.shape, count: 2), inputs: [main, shortcut])
    }

    /// One cell: node i sums op(edge i<-j) over j < i; `none` edges contribute nothing and
    /// `skip_connect` passes the tensor unchanged. A node fed only by `none` is a zero tensor.
    private func appendCell(_ graph: inout GraphBuilder, encoding: Encoding) {
        let shape = graph.shape
        var nodeTensors = [graph.current]
        var edge = 0
        for to in 1...3 {
            var contributions: [Int] = []
            for from in 0..<to {
                let source = nodeTensors[from]
                switch encoding.choices[edge] {
                case 1: contributions.append(source)
                case 2:
                    contributions.append(graph.append(
                        .conv(input: shape, cout: shape.channels, kernel: 1, preActivation: true), inputs: [source]))
                case 3:
                    contributions.append(graph.append(
                        .conv(input: shape, cout: shape.channels, kernel: 3, preActivation: true), inputs: [source]))
                case 4:
                    contributions.append(graph.append(.pool(.avgpool, input: shape, kernel: 3, stride: 1), inputs: [source]))
                default: break
                }
                edge += 1
            }
            switch contributions.count {
            case 0: nodeTensors.append(graph.append(.zero(shape: shape), inputs: []))
            case 1: nodeTensors.append(contributions[0])
            default: nodeTensors.append(graph.append(.add(shape: shape, count: contributions.count), inputs: contributions))
            }
        }
        graph.moveTo(nodeTensors[3])
    }
}

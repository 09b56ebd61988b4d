import Testing
@testable import VernierModel

/// Peak activation memory from the graph, and canonical encodings (the choices that matter).
@Suite struct PeakMemoryTests {
    static let input = Shape(side: 8, channels: 3)  // 192 elements

    @Test func aChainHoldsTwoTensorsAtATime() {
        var graph = GraphBuilder(input: Self.input)
        graph.append(.conv(input: graph.shape, cout: 16, kernel: 3))  // 1,024 elements
        graph.append(.conv(input: graph.shape, cout: 16, kernel: 3))  // 1,024
        graph.append(.conv(input: graph.shape, cout: 4, kernel: 1))   // 256
        let architecture = graph.build(space: "test", text: "chain")
        // Worst step: the first conv's output and the second's, 2,048 floats.
        #expect(architecture.peakActivationBytes == 2048 * 4)
    }

    @Test func aResidualKeepsItsSourceAliveUntilTheSum() {
        var graph = GraphBuilder(input: Self.input)
        let a = graph.append(.conv(input: graph.shape, cout: 16, kernel: 3))
        let b = graph.append(.conv(input: graph.shape, cout: 16, kernel: 3))
        graph.append(.add(shape: graph.shape, count: 2), inputs: [a, b])
        let architecture = graph.build(space: "test", text: "residual")
        // At the sum: a, b and the sum's output, 3 × 1,024 floats.
        #expect(architecture.peakActivationBytes == 3 * 1024 * 4)
    }

    @Test func anInvertedResidualCountsItsExpandedTensors() throws {
        let space = FBNetSpace()
        let wide = try space.architecture(String(repeating: "k3_e6-", count: 21) + "k3_e6")
        let narrow = try space.architecture(String(repeating: "k3_e1-", count: 21) + "k3_e1")
        #expect(wide.peakActivationBytes > narrow.peakActivationBytes)
        #expect(narrow.peakActivationBytes > 0)
    }

    @Test func nb201CanonicalDropsEdgesOffEveryPath() throws {
        let space = NB201Space()
        let dead = try space.parse("|nor_conv_3x3~0|+|none~0|none~1|+|skip_connect~0|none~1|none~2|")
        let canonical = space.canonical(dead)
        #expect(space.format(canonical) == "|none~0|+|none~0|none~1|+|skip_connect~0|none~1|none~2|")
        let full = try space.parse("|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|")
        #expect(space.canonical(full) == full)
        // Reading an always-zero node: 2<-1 where node 1 is fed only by none.
        let zeroSource = try space.parse("|none~0|+|skip_connect~0|avg_pool_3x3~1|+|none~0|none~1|nor_conv_1x1~2|")
        #expect(space.format(space.canonical(zeroSource)) == "|none~0|+|skip_connect~0|none~1|+|none~0|none~1|nor_conv_1x1~2|")
    }

    /// The canonical encoding computes the same function with the same work: the same MACs in the
    /// nodes a runtime keeps, for every NB201 arch and a sample of OFA archs. (Peak memory may
    /// differ: a sum with a constant-zero input still runs, while the canonical arch has no sum.)
    @Test func canonicalEncodingsBuildTheSameEffectiveNetwork() throws {
        for space in [NB201Space(), OFAMobileNetV3Space()] as [any SearchSpace] {
            let encodings = space.enumerate() ?? space.sample(count: 300, seed: 5)
            for encoding in encodings {
                let canonical = space.canonical(encoding)
                #expect(space.canonical(canonical) == canonical)
                let a = space.architecture(encoding, resolution: space.defaultResolution)
                let b = space.architecture(canonical, resolution: space.defaultResolution)
                #expect(Self.effectiveMACs(a) == Self.effectiveMACs(b), "\(space.format(encoding))")
            }
        }
    }

    @Test func aConstantNetworkHoldsOnlyItsInputAndOutput() throws {
        let architecture = try NB201Space().architecture("|none~0|+|none~0|none~1|+|none~0|none~1|none~2|")
        #expect(architecture.peakActivationBytes == (32 * 32 * 3 + 10) * 4)
    }

    static func effectiveMACs(_ architecture: Architecture) -> Int {
        zip(architecture.nodes, architecture.effectiveNodes).reduce(0) { $0 + ($1.1 ? $1.0.layer.cost.macs : 0) }
    }
}

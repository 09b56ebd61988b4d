import Testing
import VernierModel
@testable import VernierProfiler

@Suite struct FusionTests {
    static let block = LayerConfig.mbconv(input: Shape(side: 14, channels: 32), cout: 32, kernel: 3, stride: 1,
                                          expansion: 6, mid: 192, seChannels: 48, activation: .relu, residual: true)

    /// Without rules an MBConv splits into its seven primitives, whose costs add up to the block's.
    @Test func unfusedPrimitivesCoverTheBlockExactly() {
        let parts = FusionRules.none.primitives(of: Self.block)
        #expect(parts.map(\.op) == [.conv, .act, .dwconv, .act, .se, .conv, .add])
        #expect(parts.map(\.cost.macs).reduce(0, +) == Self.block.cost.macs)
        #expect(parts.map(\.cost.params).reduce(0, +) == Self.block.cost.params)
    }

    /// Rules merge each activation into the op before it and absorb the residual add.
    @Test func rulesMergeActivationsAndAbsorbTheResidualAdd() {
        let rules = FusionRules(["conv+relu", "dwconv+relu", "conv+add"])
        let parts = rules.primitives(of: Self.block)
        #expect(parts.map(\.op) == [.conv, .dwconv, .se, .conv])
        #expect(parts[0].activation == .relu && parts[1].activation == .relu && parts[3].activation == .none)
        // A plain conv with a residual keeps it as its own flag when the add is fused.
        let conv = LayerConfig.conv(input: Shape(side: 8, channels: 16), cout: 16, kernel: 3, activation: .relu6, residual: true)
        #expect(FusionRules(["conv+relu6", "conv+add"]).primitives(of: conv) == [conv])
        #expect(FusionRules(["conv+relu"]).primitives(of: conv).map(\.op) == [.conv, .act, .add])
    }

    /// Rules come from the pairs fused at every shape; controls never become rules.
    @Test func rulesAreThePairsFusedAtEveryShape() {
        let results = [
            FusionResult(rule: "conv+relu", shape: "a", t1Ms: 1, t2Ms: 0.2, t12Ms: 1.0),
            FusionResult(rule: "conv+relu", shape: "b", t1Ms: 1, t2Ms: 0.2, t12Ms: 1.05),
            FusionResult(rule: "add+relu", shape: "a", t1Ms: 0.2, t2Ms: 0.2, t12Ms: 0.25),
            FusionResult(rule: "add+relu", shape: "b", t1Ms: 0.2, t2Ms: 0.2, t12Ms: 0.39),
            FusionResult(rule: "conv+conv (control)", shape: "a", t1Ms: 1, t2Ms: 1, t12Ms: 1),
        ]
        #expect(results[0].fused && !results[3].fused)
        #expect(FusionRules(results: results).rules == ["conv+relu"])
    }

    /// The pair graphs: T12 feeds the first op into the second (and the image into a residual add).
    @Test func pairGraphsWireTheOpsTogether() {
        let pair = FusionPair.standard.first { $0.rule == "conv+add" }!
        #expect(pair.together.nodes.map(\.inputs) == [[Node.networkInput], [0, Node.networkInput]])
        #expect(pair.secondAlone.nodes.map(\.inputs) == [[Node.networkInput, Node.networkInput]])
        #expect(FusionPair.standard.count == 26)
    }
}

import Testing
import VernierModel
@testable import VernierPredict

@Suite("Predictors and the additive table")
struct PredictorTests {
    /// A synthetic LUT: every layer of the space with a latency derived from its cost.
    static func lut(_ space: any SearchSpace, resolution: Int) -> [String: Double] {
        Dictionary(uniqueKeysWithValues: space.distinctLayers(resolution: resolution).map { layer in
            let cost = layer.cost
            return (layer.key, 0.01 + Double(cost.macs) / 2e8 + Double(cost.activationBytes) / 5e9)
        })
    }

    @Test("A missing LUT entry is an error naming the layer key")
    func missingEntry() throws {
        let space = FBNetSpace()
        var table = Self.lut(space, resolution: 224)
        let architecture = space.architecture(space.sample(count: 1, seed: 3)[0], resolution: 224)
        let removed = architecture.layers[3].key
        table[removed] = nil
        do {
            _ = try LUTSumPredictor(lut: table).predict(architecture)
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .missingLUTEntry)
            #expect(error.message.contains(removed))
        }
    }

    @Test("LUT sums compile to an exact per-decision table on FBNet")
    func additive() throws {
        let space = FBNetSpace()
        let side = space.defaultResolution
        let predictor = LUTSumPredictor(lut: Self.lut(space, resolution: side))
        let table = try #require(try AdditiveTable.compile(space: space, resolution: side) { a throws(PredictError) in
            try predictor.predict(a)
        })
        for encoding in space.sample(count: 200, seed: 99) {
            let exact = try predictor.predict(space.architecture(encoding, resolution: side))
            #expect(abs(table.predict(encoding) - exact) <= 1e-9 * exact)
        }
    }

    /// MnasNet's width multipliers change the next block's input; NB201's node sums depend on how
    /// many edges feed them (and a node fed only by `none` is a zero tensor).
    @Test("Interacting decisions make a space non-additive: compile refuses", arguments: ["mnasnet", "nb201"])
    func notAdditive(name: String) throws {
        let space = try Spaces.named(name)
        let predictor = LUTSumPredictor(lut: Self.lut(space, resolution: space.defaultResolution))
        let table = try AdditiveTable.compile(space: space, resolution: space.defaultResolution) { a throws(PredictError) in
            try predictor.predict(a)
        }
        #expect(table == nil)
    }

    @Test("Dead and constant layers are not effective")
    func liveness() throws {
        let space = NB201Space()
        // Output node fed only by `none`: nothing after the first cell's input matters.
        let dead = try space.architecture("|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|none~0|none~1|none~2|")
        let live = try space.architecture("|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|none~1|none~2|")
        #expect(dead.effectiveNodes.filter { $0 }.count == 0)
        // In the live arch, the 1→2 and 0→1 convs feed only node 2 / node 1, which node 3 ignores.
        let effective = live.effectiveNodes
        #expect(effective.last == true)
        #expect(effective.filter { $0 }.count < effective.count)
        let extractor = FeatureExtractor(lut: nil, roofline: nil)
        let v = try extractor.vector(live)
        #expect(v[extractor.index["live_layers"]!] < v[extractor.index["layers"]!])
        #expect(v[extractor.index["live_macs_m"]!] < v[extractor.index["macs_m"]!])
    }
}

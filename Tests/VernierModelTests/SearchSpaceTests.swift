import Foundation
import VernierTestSupport
import PropertyBased
import Testing
@testable import VernierModel

@Suite struct SearchSpaceTests {
    static let spaces: [any SearchSpace] = Spaces.all

    @Test(arguments: Spaces.all.map(\.name))
    func sampleIsDeterministicAndRoundTrips(name: String) throws {
        let space = try Spaces.named(name)
        let first = space.sample(count: 100, seed: 1)
        #expect(first == space.sample(count: 100, seed: 1))
        #expect(first != space.sample(count: 100, seed: 2))
        for encoding in first {
            let text = space.format(encoding)
            #expect(try space.parse(text) == encoding)
            #expect(space.format(try space.parse(text)) == text)
        }
    }

    @Test(arguments: Spaces.all.map(\.name))
    func roundTripProperty(name: String) async throws {
        let space = try Spaces.named(name)
        await propertyCheck(count: 300, input: Gen.uint64()) { seed in
            var rng = SplitMix64(seed: seed)
            let encoding = space.sample(using: &rng)
            #expect((try? space.parse(space.format(encoding))) == encoding)
        }
    }

    @Test(arguments: Spaces.all.map(\.name))
    func randomStringsNeverCrashTheParser(name: String) async throws {
        let space = try Spaces.named(name)
        let alphabet = Array("abceknorsxgpv_0123456789|~-+;=.é ")
        let strings = Gen.int(in: 0...(alphabet.count - 1)).array(of: 0...120).map { String($0.map { alphabet[$0] }) }
        await propertyCheck(count: 500, input: strings) { text in
            _ = try? space.parse(text)
        }
        // Mutated valid strings: one character changed must either parse or give an ArchError.
        await propertyCheck(count: 300, input: Gen.uint64(), Gen.int(in: 0...10_000)) { seed, position in
            var rng = SplitMix64(seed: seed)
            var chars = Array(space.format(space.sample(using: &rng)))
            chars[position % chars.count] = "#"
            #expect(throws: ArchError.self) { try space.parse(String(chars)) }
        }
    }

    @Test(arguments: Spaces.all.map(\.name))
    func mutationChangesExactlyOneDecision(name: String) throws {
        let space = try Spaces.named(name)
        var rng = SplitMix64(seed: 7)
        for _ in 0..<200 {
            let parent = space.sample(using: &rng)
            let child = space.mutate(parent, using: &rng)
            #expect(zip(parent.choices, child.choices).filter { $0 != $1 }.count == 1)
            try space.validate(child)
        }
    }

    @Test(arguments: Spaces.all.map(\.name))
    func distinctLayersCoverEverySampledArch(name: String) throws {
        let space = try Spaces.named(name)
        let keys = Set(space.distinctLayers().map(\.key))
        #expect(!keys.isEmpty)
        for encoding in space.sample(count: 300, seed: 3) {
            let arch = space.architecture(encoding, resolution: space.defaultResolution)
            for layer in arch.layers { #expect(keys.contains(layer.key), "\(layer.key) missing from \(name) layers") }
        }
    }

    @Test func nb201EnumeratesAllArchsOnce() {
        let all = NB201Space().enumerate()!
        #expect(all.count == 15_625)
        #expect(Set(all).count == 15_625)
    }

    @Test func errorsNamePositionAndAllowedValues() {
        let nb201 = NB201Space()
        #expect(throws: ArchError(.unknownChoice, value: "conv_5x5", location: "character 26 (nb201 edge 2<-1)",
                                  allowed: NB201Space.ops.joined(separator: ", "))) {
            try nb201.parse("|avg_pool_3x3~0|+|none~0|conv_5x5~1|+|none~0|none~1|none~2|")
        }
        do {
            _ = try FBNetSpace().parse(Array(repeating: "k3_e1", count: 21).joined(separator: "-"))
            Issue.record("21 blocks parsed")
        } catch {
            #expect(error.code == .wrongCount)
            #expect(error.description.contains("22 blocks"))
        }
        do {
            _ = try Spaces.named("resnet")
            Issue.record("unknown space accepted")
        } catch {
            #expect(error.description.contains("nb201, fbnet, mnasnet, ofa-mbv3"))
        }
    }

    @Test func sharedTablesParse() throws {
        let fbnet = FBNetSpace()
        for row in try SharedData.csv("latency/help_fbnet_cifar100_latency_ms.csv").prefix(1000) {
            let encoding = try fbnet.parse(row["arch_str"]!)
            #expect(encoding.choices.map(String.init).joined(separator: "-") == row["op_idx_list"]!)
        }
        let ofa = OFAMobileNetV3Space()
        for row in try SharedData.csv("latency/help_ofa_mbv3_latency_ms.csv").prefix(1000) {
            let text = "r=\(row["r"]!);d=\(row["d"]!);ks=\(row["ks"]!);e=\(row["e"]!)"
            #expect(ofa.format(try ofa.parse(text)) == text)
        }
    }
}

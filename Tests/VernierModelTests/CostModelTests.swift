import Foundation
import VernierTestSupport
import Testing
@testable import VernierModel

@Suite struct CostModelTests {
    /// The published `params_m` (6 significant digits) is reproduced exactly for every arch except
    /// 204 rows whose published value is not the param count of any NB201 network: params depend
    /// only on the number of 1×1 and 3×3 convs in a cell, so just 28 values are possible, yet the
    /// table holds 59. 199 of those rows equal (2·ours + params of another NB201 network) / 3, an
    /// average over three trial records one of which describes another network.
    @Test func nb201ParamsMatchPublishedTable() throws {
        let rows = try SharedData.csv("nb201/nb201_cifar10_accuracy.csv")
        #expect(rows.count == 15_625)
        let space = NB201Space()
        let ours = try rows.map { try space.architecture($0["arch_str"]!).cost.params }
        let possible = Set(ours)
        #expect(possible.count == 28)
        let published = rows.map { Double($0["params_m"]!)! }
        let exact = zip(ours, published).map { String(format: "%.6g", Double($0) / 1e6) == String(format: "%.6g", $1) }
        let mismatches = ours.indices.filter { !exact[$0] }.map { (ours: ours[$0], published: published[$0]) }
        #expect(mismatches.count == 204, "\(mismatches.count) archs differ from the table")
        let explained = mismatches.filter { mismatch in
            let other = 3 * mismatch.published * 1e6 - 2 * Double(mismatch.ours)
            return possible.contains { abs(Double($0) - other) <= 3 }
        }
        #expect(explained.count == 199)
        let matching = Set(ours.indices.filter { exact[$0] }.map { ours[$0] })
        #expect(matching == possible, "every possible param count appears correctly in the table")
    }

    @Test func nb201KnownExtremes() throws {
        let space = NB201Space()
        // All-none cells: only stem, reduction blocks and classifier (NB201 reports 7.78 M FLOPs without biases).
        let empty = try space.architecture("|none~0|+|none~0|none~1|+|none~0|none~1|none~2|")
        #expect(abs(Double(empty.cost.macs) / 1e6 - 7.78) < 0.01)
        let full = try space.architecture("|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|")
        #expect(abs(Double(full.cost.macs) / 1e6 - 220.11) < 0.02)
    }

    @Test func mobileNetV2MatchesTorchvision() throws {
        let model = try CustomModel.load(path: SharedData.packageRoot.appendingPathComponent("examples/mobilenet_v2.json").path)
        let cost = model.cost
        #expect(abs(Double(cost.macs) / 300e6 - 1) < 0.01, "MACs \(cost.macs)")
        #expect(abs(Double(cost.params) / 3.50e6 - 1) < 0.01, "params \(cost.params)")
        #expect(model.output == Shape(side: 1, channels: 1000))
    }

    @Test func mnasNetA1MatchesPublished() throws {
        let cost = try MnasNetSpace().architecture("mnasnet-a1").cost
        #expect(abs(Double(cost.macs) / 312e6 - 1) < 0.02, "MACs \(cost.macs)")
        #expect(abs(Double(cost.params) / 3.9e6 - 1) < 0.03, "params \(cost.params)")
    }

    @Test(arguments: [("fbnet-b", 295e6), ("fbnet-c", 375e6)])
    func fbnetNamedArchsMatchPublishedMACs(name: String, macs: Double) throws {
        let cost = try FBNetSpace().architecture(name).cost
        #expect(abs(Double(cost.macs) / macs - 1) < 0.03, "\(name) MACs \(cost.macs)")
    }

    @Test func layerCostsFollowTheFormulas() {
        let conv = LayerConfig.conv(input: Shape(side: 56, channels: 64), cout: 128, kernel: 3, stride: 2)
        #expect(conv.output == Shape(side: 28, channels: 128))
        #expect(conv.cost.macs == 28 * 28 * 128 * 64 * 9)
        #expect(conv.cost.params == 128 * 64 * 9 + 2 * 128)
        let grouped = LayerConfig.mbconv(input: Shape(side: 14, channels: 64), cout: 64, kernel: 5, stride: 1,
                                         expansion: 1, mid: 64, groups: 2, activation: .relu, residual: true)
        // No expansion conv at e = 1; depthwise 5×5 and a 2-group projection.
        #expect(grouped.cost.macs == 14 * 14 * 64 * 25 + 14 * 14 * 64 * 32)
        #expect(grouped.cost.params == 64 * 25 + 128 + 64 * 32 + 128)
        #expect(grouped.cost.weightBytes == 4 * grouped.cost.params)
        #expect(conv.cost.arithmeticIntensity > 0)
    }

    @Test func layerKeysAreReadableAndDistinguishShapes() {
        let a = LayerConfig.mbconv(input: Shape(side: 56, channels: 24), cout: 32, kernel: 5, stride: 2, expansion: 6,
                                   mid: 144, groups: 2, seChannels: 8, activation: .relu, residual: false)
        #expect(a.key == "mbconv-input:56x56x24-output:28x28x32-k:5-s:2-e:6-g:2-se:8-act:relu")
        var b = a
        b.residual = true
        #expect(a.key != b.key)
    }
}

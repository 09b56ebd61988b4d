import Foundation
import Testing
import VernierModel
@testable import VernierPredict

/// A store stand-in: end-to-end latencies and LUTs by device.
struct FakeReferenceSource: ReferenceLatencySource {
    var measured: [String: [String: Double]] = [:]
    var luts: [String: [String: Double]] = [:]
    var location: String { "the fake store" }

    func latencySets(space: String, resolution: Int) throws -> [(device: String, backend: String, count: Int)] {
        measured.keys.sorted().map { ($0, "imported", measured[$0]!.count) }
    }

    func latencies(device: String, backend: String, space: String, resolution: Int) throws -> [String: Double] { measured[device] ?? [:] }

    func lutSets() throws -> [(device: String, backend: String)] { luts.keys.sorted().map { ($0, "native") } }

    func lut(device: String, backend: String) throws -> [String: Double] { luts[device] ?? [:] }
}

@Suite("Transfer references")
struct TransferReferencesTests {
    /// A LUT for every FBNet layer at 32 px: 1 µs + 1 ms per GMAC.
    static func lut(scale: Double = 1) -> [String: Double] {
        Dictionary(uniqueKeysWithValues: FBNetSpace().distinctLayers(resolution: 32).map {
            ($0.key, scale * (0.001 + Double($0.cost.macs) / 1e6))
        })
    }

    @Test("A profiled device's LUT sum is an exact reference for any FBNet arch")
    func lutSumReference() throws {
        let space = FBNetSpace()
        let lut = Self.lut()
        let reference = try #require(ReferenceDevice(id: "here", source: "test", lut: lut, space: space, resolution: 32))
        for encoding in space.sample(count: 20, seed: 4) {
            let exact = try LUTSumPredictor(lut: lut).predict(space.architecture(encoding, resolution: 32))
            let value = try #require(reference.latency(arch: space.format(encoding), encoding: encoding))
            #expect(abs(value / exact - 1) < 1e-9)
        }
        var partial = lut
        partial.removeValue(forKey: partial.keys.sorted()[0])
        #expect(ReferenceDevice(id: "here", source: "test", lut: partial, space: space, resolution: 32) == nil)
    }

    @Test("Specs: all, named devices, lut:DEV; unknown or target names are errors naming them")
    func specs() throws {
        let space = FBNetSpace()
        let archs = space.sample(count: 30, seed: 2).map(space.format)
        let source = FakeReferenceSource(measured: ["phone": Dictionary(uniqueKeysWithValues: archs.map { ($0, 5.0 + Double($0.count % 7)) })],
                                         luts: ["here": Self.lut(), "broken": ["x": 1]])
        let all = try TransferReferences.load("all", space: space, resolution: 32, excluding: "new", from: source)
        #expect(all.map(\.id) == ["phone", "here"])
        let named = try TransferReferences.load("phone, lut:here", space: space, resolution: 32, excluding: "new", from: source)
        #expect(named.map(\.id) == ["phone", "here"] && named[1].source == "lut:here/native")
        for (spec, fragment) in [("nosuch", "'nosuch'"), ("phone,new", "target device new"), ("lut:broken", "cannot serve"),
                                 ("lut:none", "no native LUT")] {
            #expect {
                try TransferReferences.load(spec, space: space, resolution: 32, excluding: "new", from: source)
            } throws: { "\($0)".contains(fragment) }
        }
    }

    @Test("A target learned from a LUT-sum reference alone follows it")
    func fitOnLUTReference() throws {
        let space = FBNetSpace()
        let reference = try #require(ReferenceDevice(id: "here", source: "test", lut: Self.lut(), space: space, resolution: 32))
        let target = try #require(ReferenceDevice(id: "x", source: "test", lut: Self.lut(scale: 3), space: space, resolution: 32))
        let measured = space.sample(count: 12, seed: 8).map { encoding in
            CalibrationRun.Measured(arch: space.format(encoding), encoding: encoding,
                                    latencyMs: target.latency(arch: space.format(encoding), encoding: encoding)!)
        }
        let result = try TransferCalibration(space: space, resolution: 32, train: 10, seed: 1)
            .run(measured, references: [reference], device: "x", source: "test")
        #expect((try #require(result.holdout)).mape < 1)
        let predictor = try TransferPredictor(model: try #require(result.model.transfer), space: space)
        let fresh = space.sample(count: 1, seed: 99)[0]
        let expected = target.latency(arch: space.format(fresh), encoding: fresh)!
        #expect(abs(try predictor.predict(space.architecture(fresh, resolution: 32)) / expected - 1) < 0.01)
    }
}

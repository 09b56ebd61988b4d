import Foundation
import PropertyBased
import Testing
@testable import VernierModel

@Suite struct CustomModelTests {
    func parse(_ json: String) throws(ArchError) -> Architecture {
        try CustomModel.parse(Data(json.utf8), source: "test.json", resolution: 32)
    }

    @Test func bareListBuildsSequentially() throws {
        let arch = try parse(#"[{"op":"conv","k":3,"s":2,"cin":3,"cout":8,"act":"relu"},{"op":"globalpool"},{"op":"fc","cout":10}]"#)
        #expect(arch.nodes.count == 3)
        #expect(arch.output == Shape(side: 1, channels: 10))
        #expect(arch.cost.params == 8 * 27 + 16 + 8 * 10 + 10)
    }

    @Test(arguments: [
        (#"[{"op":"conv","k":3,"cin":4,"cout":8}]"#, "cin 4"),
        (#"[{"op":"conv","k":-3,"cout":8}]"#, "field \"k\""),
        (#"[{"op":"warp","k":3}]"#, "warp"),
        (#"[{"op":"conv","k":3,"cout":8,"colour":1}]"#, "colour"),
        (#"[{"op":"mbconv","k":3,"s":2,"cout":3,"e":6,"residual":true}]"#, "residual"),
        (#"[{"op":"conv","k":3,"cout":8,"g":5}]"#, "g 5"),
        (#"{"layers": 3}"#, "top level"),
        (#"[]"#, "at least one layer"),
        (#"[{"op":"conv","k":3,"cout":2.5}]"#, "cout"),
        (#"not json"#, "valid JSON"),
        // Sizes out of their validated ranges are errors, never an arithmetic trap.
        (#"[{"op":"conv","k":3,"cout":9223372036854775807}]"#, "field \"cout\"; allowed: an integer in 1...65536"),
        (#"[{"op":"conv","k":99999999,"cout":8}]"#, "field \"k\"; allowed: an integer in 1...64"),
        (#"[{"op":"mbconv","k":3,"cout":8,"e":100000}]"#, "field \"e\""),
        (#"[{"op":"avgpool","k":3,"p":999999999}]"#, "field \"p\""),
        (#"{"input_channels": 0, "layers": [{"op":"conv","k":3,"cout":8}]}"#, "input_channels"),
        (#"{"input_channels": 100000, "layers": [{"op":"conv","k":3,"cout":8}]}"#, "input_channels"),
        (#"{"resolution": 4096, "layers": [{"op":"conv","k":64,"s":1,"cin":3,"cout":65536},{"op":"conv","k":64,"cout":65536}]}"#,
         "MACs"),
    ])
    func badLayersNameTheProblem(json: String, fragment: String) {
        do {
            _ = try parse(json)
            Issue.record("accepted \(json)")
        } catch {
            #expect(error.description.contains(fragment), "\(error.description)")
        }
    }

    /// A model's own resolution is bounded like every other size.
    @Test func modelResolutionIsBounded() {
        #expect(throws: ArchError.self) {
            try CustomModel.parse(Data(#"{"resolution": 100000000, "layers": [{"op":"conv","k":3,"cout":8}]}"#.utf8), source: "m.json")
        }
        #expect(throws: Never.self) {
            try CustomModel.parse(Data(#"{"resolution": 7, "layers": [{"op":"conv","k":3,"cout":8}]}"#.utf8), source: "m.json")
        }
    }

    /// Near-valid models (every op, every size field, values at and beyond the validated ranges)
    /// either build, with costs that do not overflow, or fail with an ``ArchError``: never a trap.
    @Test func nearValidModelsBuildOrFailCleanly() async {
        let values = [0, 1, 2, 3, 7, 63, 64, 65, 4096, 65_536, 65_537, Int(Int32.max), Int.max, -1, Int.min]
        await propertyCheck(count: 400, input: Gen.uint64()) { seed in
            var rng = SplitMix64(seed: seed)
            func pick<T>(_ items: [T]) -> T { items[Int(rng.next() % UInt64(items.count))] }
            var layers: [String] = []
            for _ in 0..<(1 + Int(rng.next() % 4)) {
                var fields = ["\"op\":\"\(pick(CustomModel.ops))\""]
                for field in ["k", "s", "cout", "e", "g", "se", "p", "mid"] where rng.next() % 2 == 0 {
                    fields.append("\"\(field)\":\(pick(values))")
                }
                layers.append("{" + fields.joined(separator: ",") + "}")
            }
            let json = "{\"resolution\":\(pick([1, 8, 224, 4096, 4097])),\"input_channels\":\(pick([1, 3, 64, 65_536])),"
                + "\"layers\":[\(layers.joined(separator: ","))]}"
            if let arch = try? CustomModel.parse(Data(json.utf8), source: "fuzz.json") {
                #expect(arch.cost.macs >= 0, "\(json)")
            }
        }
    }
}

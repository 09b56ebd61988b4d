import Foundation
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
    ])
    func badLayersNameTheProblem(json: String, fragment: String) {
        do {
            _ = try parse(json)
            Issue.record("accepted \(json)")
        } catch {
            #expect(error.description.contains(fragment), "\(error.description)")
        }
    }
}

import Foundation
import Testing
import VernierModel
import VernierTestSupport
@testable import VernierPredict

@Suite("Measurements CSV")
struct MeasurementTableTests {
    static func write(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("vernier-m-\(UUID().uuidString).csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static let a = "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|none~1|none~2|"
    static let b = "|avg_pool_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|none~1|none~2|"

    @Test("Bad rows are errors naming the line", arguments: [
        ("arch_str,dev\n\(a),1.5\n\(b),fast\n", "line 3", "not a number"),
        ("arch_str,dev\n\(a),1.5\n\(b),-2\n", "line 3", "negative"),
        ("arch_str,dev\n\(a),1.5\n\(a),2\n", "line 3", "first on line 2"),
        ("arch_str,dev\n\(a),1.5\n|bogus~0|,2\n", "line 3", "bogus"),
        ("arch_str,other\n\(a),1.5\n", "no column 'dev'", "other"),
        ("name,dev\nx,1\n", "no 'arch' or 'arch_str' column", "nor OFA"),
    ])
    func badInput(text: String, location: String, detail: String) throws {
        let path = try Self.write(text)
        do {
            _ = try MeasurementTable.load(path: path, space: NB201Space(), column: "dev")
            Issue.record("expected an error for \(text)")
        } catch {
            #expect(error.code == .badMeasurements)
            #expect(error.message.contains(location), "\(error.message)")
            #expect(error.message.contains(detail), "\(error.message)")
        }
    }

    @Test("The HELP NB201 table loads; degenerate archs below 0.1 ms are dropped")
    func helpNB201() throws {
        let table = try MeasurementTable.load(path: SharedData.url("latency/help_nb201_latency_ms.csv").path,
                                              space: NB201Space(), column: "pixel3")
        #expect(table.rows.count + table.filtered == 15_625)
        #expect(table.filtered > 100 && table.filtered < 300)
        #expect(table.rows.allSatisfy { $0.latencyMs >= 0.1 })
    }

    @Test("OFA rows are composed from the r, d, ks, e columns")
    func ofaColumns() throws {
        let table = try MeasurementTable.load(path: SharedData.url("latency/help_ofa_mbv3_latency_ms.csv").path,
                                              space: OFAMobileNetV3Space(), column: "2080ti_1")
        #expect(table.rows.count == 5000)
        #expect(table.rows[0].arch.hasPrefix("r=204;d=2-2-2-2-3;"))
    }
}

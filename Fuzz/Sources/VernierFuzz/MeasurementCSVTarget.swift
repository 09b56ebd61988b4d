import Foundation
import VernierModel
import VernierPredict

/// Measurement CSVs (`calibrate`, `evaluate`, `device import`, `transfer-study`): the first byte
/// picks the space and whether one named column or all are read, the rest is the file. Every value
/// read must be finite and non-negative, every arch canonical and listed once.
struct MeasurementCSVTarget: FuzzTarget {
    static let name = "csv"
    static let summary = "measurement CSVs for each space (header, columns, numbers, archs)"

    init() {}

    /// Sampled archs of each space with latencies, in HELP's layout (`arch_str` and device columns)
    /// and in Vernier's (`arch`, `latency`).
    static var seeds: [Data] {
        Spaces.all.enumerated().flatMap { index, space -> [Data] in
            let archs = space.sample(count: 4, seed: 2).map(space.format)
            let help = "arch_str,pixel3,eyeriss\n" + archs.enumerated().map { "\"\($1)\",\(1.5 + Double($0)),\(0.25 * Double($0))" }.joined(separator: "\n")
            let own = "arch,latency\r\n" + archs.enumerated().map { "\($1),\(3.0 + Double($0))" }.joined(separator: "\r\n")
            return [Data([UInt8(index)] + Array(help.utf8)), Data([UInt8(index) | 0x80] + Array(own.utf8))]
        }
    }

    func run(_ data: Data) {
        guard let first = data.first else { return }
        let space = Spaces.all[Int(first) % Spaces.all.count]
        let text = String(decoding: data.dropFirst(), as: UTF8.self)
        let columns: [String]? = first & 0x80 == 0 ? nil : ["latency"]
        guard let matrix = try? LatencyMatrix.parse(text: text, source: "fuzz.csv", space: space, columns: columns) else { return }
        if Set(matrix.archs).count != matrix.archs.count {
            FuzzFailure.fail("an arch listed twice was accepted", input: text)
        }
        for column in matrix.values {
            for value in column {
                if let value, !(value.isFinite && value >= 0) {
                    FuzzFailure.fail("value \(value) accepted", input: text)
                }
            }
        }
    }
}

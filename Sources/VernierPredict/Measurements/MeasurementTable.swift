import Foundation
import VernierModel

/// A measurements CSV: a header with `arch` or `arch_str` (or OFA's `r,d,ks,e` columns) and one
/// numeric latency column per device, in ms. Loading one column checks every row strictly.
public struct MeasurementTable: Sendable {
    /// One measured architecture.
    public struct Row: Hashable, Sendable {
        /// Line in the file (1 = header).
        public var line: Int
        /// Canonical arch string.
        public var arch: String
        /// Parsed encoding.
        public var encoding: Encoding
        /// Latency, ms.
        public var latencyMs: Double
    }

    /// Rows kept, in file order.
    public var rows: [Row]
    /// Rows dropped for a latency below the minimum.
    public var filtered: Int
    /// Every column of the header.
    public var header: [String]

    /// Loads `column` of the CSV at `path` for `space`.
    /// - Parameters:
    ///   - minMs: rows below this latency are dropped and counted (degenerate archs; 0 keeps all).
    ///   - quantity: what the column holds, for error messages (`latency`, `accuracy`).
    /// - Throws: ``PredictError`` (`badMeasurements`) naming the file, line and problem: missing
    ///   column (with the available ones), non-numeric or negative latency, an arch string the
    ///   space rejects, or an arch listed twice (with both lines).
    public static func load(path: String, space: any SearchSpace, column: String, minMs: Double = 0.1,
                            quantity: String = "latency") throws(PredictError) -> MeasurementTable {
        let matrix = try LatencyMatrix.load(path: path, space: space, columns: [column], minMs: minMs, quantity: quantity)
        var rows: [Row] = []
        rows.reserveCapacity(matrix.archs.count)
        var filtered = 0
        for i in matrix.archs.indices {
            guard let value = matrix.values[0][i] else { filtered += 1; continue }
            rows.append(Row(line: matrix.lines[i], arch: matrix.archs[i], encoding: matrix.encodings[i], latencyMs: value))
        }
        return MeasurementTable(rows: rows, filtered: filtered, header: matrix.header)
    }

    /// How a model fitted on column `column` of the CSV at `path` names its source:
    /// `csv:<file name>#<column>` (what `calibrate` records and `evaluate` compares against).
    public static func source(path: String, column: String) -> String {
        "csv:\(URL(fileURLWithPath: path).lastPathComponent)#\(column)"
    }
}

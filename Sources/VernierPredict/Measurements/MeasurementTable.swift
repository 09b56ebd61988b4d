import Foundation
import SwiftCSV
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
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw PredictError(.badMeasurements, "cannot read measurements \(path): \(error.localizedDescription)")
        }
        let csv: EnumeratedCSV
        do { csv = try EnumeratedCSV(string: text, delimiter: .comma, loadColumns: false) } catch {
            throw PredictError(.badMeasurements, "\(path) is not a CSV file: \(error)")
        }
        let header = csv.header.map { $0.trimmingCharacters(in: .whitespaces) }
        guard let valueIndex = header.firstIndex(of: column) else {
            let numeric = header.filter { !["arch", "arch_str", "row", "nb201_index", "op_idx_list", "r", "d", "ks", "e"].contains($0) }
            throw PredictError(.badMeasurements, "\(path) has no column '\(column)'; \(quantity) columns: \(numeric.joined(separator: ", "))")
        }
        let archText: ([String]) -> String
        if let i = header.firstIndex(of: "arch") ?? header.firstIndex(of: "arch_str") {
            archText = { $0[i] }
        } else if let r = header.firstIndex(of: "r"), let d = header.firstIndex(of: "d"), let ks = header.firstIndex(of: "ks"),
                  let e = header.firstIndex(of: "e") {
            archText = { "r=\($0[r]);d=\($0[d]);ks=\($0[ks]);e=\($0[e])" }
        } else {
            throw PredictError(.badMeasurements, "\(path) has no 'arch' or 'arch_str' column (nor OFA's r,d,ks,e columns)")
        }
        var rows: [Row] = []
        rows.reserveCapacity(csv.rows.count)
        var firstLine: [String: Int] = [:]
        var filtered = 0
        for (index, fields) in csv.rows.enumerated() {
            let line = index + 2
            guard fields.count == header.count else {
                throw PredictError(.badMeasurements, "\(path) line \(line): \(fields.count) fields, the header has \(header.count)")
            }
            let arch = archText(fields).trimmingCharacters(in: .whitespaces)
            let raw = fields[valueIndex].trimmingCharacters(in: .whitespaces)
            guard let value = Double(raw), value.isFinite else {
                throw PredictError(.badMeasurements, "\(path) line \(line): '\(raw)' in column '\(column)' is not a number")
            }
            guard value >= 0 else {
                throw PredictError(.badMeasurements, "\(path) line \(line): \(quantity) \(raw) in column '\(column)' is negative")
            }
            let encoding: Encoding
            do { encoding = try space.parse(arch) } catch {
                throw PredictError(.badMeasurements, "\(path) line \(line): \(error)")
            }
            let canonical = space.format(encoding)
            if let previous = firstLine[canonical] {
                throw PredictError(.badMeasurements, "\(path) line \(line): arch \(canonical) is listed twice (first on line \(previous))")
            }
            firstLine[canonical] = line
            if value < minMs || (minMs > 0 && value == 0) { filtered += 1; continue }
            rows.append(Row(line: line, arch: canonical, encoding: encoding, latencyMs: value))
        }
        return MeasurementTable(rows: rows, filtered: filtered, header: header)
    }
}

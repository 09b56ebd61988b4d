import Foundation
import SwiftCSV
import VernierModel

/// Every latency column of a measurements CSV at once (one device per column, as HELP's tables):
/// the archs in file order and, per column, each arch's latency (nil where it is below the minimum).
public struct LatencyMatrix: Sendable {
    /// Canonical arch strings, in file order.
    public var archs: [String]
    /// Their encodings.
    public var encodings: [Encoding]
    /// Line of each arch in the file (1 = header).
    public var lines: [Int]
    /// Latency column names, in header order.
    public var columns: [String]
    /// `values[c][i]`: latency of arch i in column c, ms; nil when below the minimum.
    public var values: [[Double?]]
    /// Every column of the header.
    public var header: [String]

    /// Columns that never hold latencies.
    public static let nonLatencyColumns: Set<String> = ["arch", "arch_str", "row", "nb201_index", "op_idx_list", "r", "d", "ks", "e"]

    /// Loads `columns` (nil: every latency column) of the CSV at `path` for `space`.
    /// - Parameters:
    ///   - minMs: values below it (and zeros, when it is positive) are nil (degenerate archs; 0 keeps all).
    ///   - quantity: what the columns hold, for error messages (`latency`, `accuracy`).
    /// - Throws: ``PredictError`` (`badMeasurements`) naming the file, line and problem: missing
    ///   column (with the available ones), a column named twice in the header, non-numeric or
    ///   negative value, an arch string the space rejects, or an arch listed twice.
    public static func load(path: String, space: any SearchSpace, columns wanted: [String]? = nil, minMs: Double = 0.1,
                            quantity: String = "latency") throws(PredictError) -> LatencyMatrix {
        guard minMs >= 0, minMs.isFinite else {
            throw PredictError(.badMeasurements, "--min-ms \(minMs) must be a finite number of milliseconds, 0 or more")
        }
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw PredictError(.badMeasurements, "cannot read measurements \(path): \(error.localizedDescription)")
        }
        return try parse(text: text, source: path, space: space, columns: wanted, minMs: minMs, quantity: quantity)
    }

    /// Parses CSV `text` as ``load(path:space:columns:minMs:quantity:)`` does the file's contents;
    /// `source` names it in errors.
    public static func parse(text: String, source path: String, space: any SearchSpace, columns wanted: [String]? = nil,
                             minMs: Double = 0.1, quantity: String = "latency") throws(PredictError) -> LatencyMatrix {
        guard minMs >= 0, minMs.isFinite else {
            throw PredictError(.badMeasurements, "--min-ms \(minMs) must be a finite number of milliseconds, 0 or more")
        }
        let csv: EnumeratedCSV
        do { csv = try EnumeratedCSV(string: text, delimiter: .comma, loadColumns: false) } catch {
            throw PredictError(.badMeasurements, "\(path) is not a CSV file: \(error)")
        }
        let header = csv.header.map { $0.trimmingCharacters(in: .whitespaces) }
        let available = header.filter { !nonLatencyColumns.contains($0) }
        let columns = wanted ?? available
        var columnIndex: [Int] = []
        for column in columns {
            guard let i = header.firstIndex(of: column) else {
                throw PredictError(.badMeasurements, "\(path) has no column '\(column)'; \(quantity) columns: \(available.joined(separator: ", "))")
            }
            guard header.lastIndex(of: column) == i else {
                throw PredictError(.badMeasurements, "\(path): column '\(column)' appears twice in the header")
            }
            columnIndex.append(i)
        }
        guard !columns.isEmpty else { throw PredictError(.badMeasurements, "\(path) has no \(quantity) column") }
        let archText: ([String]) -> String
        if let i = header.firstIndex(of: "arch") ?? header.firstIndex(of: "arch_str") {
            archText = { $0[i] }
        } else if let r = header.firstIndex(of: "r"), let d = header.firstIndex(of: "d"), let ks = header.firstIndex(of: "ks"),
                  let e = header.firstIndex(of: "e") {
            archText = { "r=\($0[r]);d=\($0[d]);ks=\($0[ks]);e=\($0[e])" }
        } else {
            throw PredictError(.badMeasurements, "\(path) has no 'arch' or 'arch_str' column (nor OFA's r,d,ks,e columns)")
        }
        var matrix = LatencyMatrix(archs: [], encodings: [], lines: [], columns: columns,
                                   values: Array(repeating: [], count: columns.count), header: header)
        var firstLine: [String: Int] = [:]
        for (index, fields) in csv.rows.enumerated() {
            let line = index + 2
            guard fields.count == header.count else {
                throw PredictError(.badMeasurements, "\(path) line \(line): \(fields.count) fields, the header has \(header.count)")
            }
            let arch = archText(fields).trimmingCharacters(in: .whitespaces)
            var row: [Double?] = []
            for (c, i) in columnIndex.enumerated() {
                let raw = fields[i].trimmingCharacters(in: .whitespaces)
                guard let value = Double(raw), value.isFinite else {
                    throw PredictError(.badMeasurements, "\(path) line \(line): '\(raw)' in column '\(columns[c])' is not a number")
                }
                guard value >= 0 else {
                    throw PredictError(.badMeasurements, "\(path) line \(line): \(quantity) \(raw) in column '\(columns[c])' is negative")
                }
                row.append(value < minMs || (minMs > 0 && value == 0) ? nil : value)
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
            matrix.archs.append(canonical)
            matrix.encodings.append(encoding)
            matrix.lines.append(line)
            for c in row.indices { matrix.values[c].append(row[c]) }
        }
        return matrix
    }

    /// Column `name`'s latencies by canonical arch (rows below the minimum left out).
    public func latencies(column c: Int) -> [String: Double] {
        var result: [String: Double] = [:]
        for (i, value) in values[c].enumerated() { if let value { result[archs[i]] = value } }
        return result
    }
}

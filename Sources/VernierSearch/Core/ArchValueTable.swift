import Foundation
import VernierModel
import VernierPredict

/// One numeric column of a CSV keyed by architecture (`table:CSV#COL`), for accuracy or latency
/// lookups.
public struct ArchValueTable: Sendable {
    /// The CSV path.
    public let path: String
    /// The column read.
    public let column: String
    /// Value per architecture.
    public let values: [Encoding: Double]

    /// Loads `spec` = `CSV#COL` (or `CSV` alone when `defaultToLastColumn`, taking the last column).
    /// - Parameter quantity: `accuracy` or `latency`, for messages.
    /// - Throws: ``SearchError`` (`badSpec`) with the measurement file's own line-numbered message.
    public init(spec: String, space: any SearchSpace, quantity: String, defaultToLastColumn: Bool) throws(SearchError) {
        var path = spec
        var column: String?
        if let hash = spec.lastIndex(of: "#") {
            path = String(spec[..<hash])
            column = String(spec[spec.index(after: hash)...])
        }
        if column == nil || column!.isEmpty {
            guard defaultToLastColumn else {
                throw SearchError(.badSpec, "table:\(spec) needs a column: table:CSV#COLUMN")
            }
            column = Self.lastColumn(path: path)
        }
        do {
            let table = try MeasurementTable.load(path: path, space: space, column: column ?? "", minMs: 0, quantity: quantity)
            var values: [Encoding: Double] = [:]
            for row in table.rows { values[row.encoding] = row.latencyMs }
            self.values = values
        } catch {
            throw SearchError(.badSpec, error.message)
        }
        self.path = path
        self.column = column ?? ""
    }

    /// The value of one architecture.
    /// - Throws: ``SearchError`` (`missingArch`) naming the architecture and the table.
    public func value(_ encoding: Encoding, arch: String) throws(SearchError) -> Double {
        guard let value = values[encoding] else {
            throw SearchError(.missingArch, "\(path)#\(column) has no row for arch \(arch) (\(values.count) rows)")
        }
        return value
    }

    private static func lastColumn(path: String) -> String? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
              let header = text.split(separator: "\n", maxSplits: 1).first else { return nil }
        return header.split(separator: ",").last.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
    }
}

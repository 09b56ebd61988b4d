import Foundation
import Logging

/// A swift-log handler writing one JSON object per line to stderr:
/// `{"ts","level","label","message", …metadata}` (`serve --log-format json`, `agent --log-format json`).
struct JSONLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    init(label: String) { self.label = label }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(level: Logger.Level, message: Logger.Message, metadata extra: Logger.Metadata?, source: String,
             file: String, function: String, line: UInt) {
        var fields: [String: String] = [:]
        for (key, value) in metadata.merging(extra ?? [:], uniquingKeysWith: { $1 }) { fields[key] = "\(value)" }
        FileHandle.standardError.write(Data((Self.line(level: level.rawValue, label: label, message: "\(message)", fields: fields) + "\n").utf8))
    }

    /// One JSON log line (keys sorted, so lines are stable).
    static func line(level: String, label: String, message: String, fields: [String: String] = [:], date: Date = Date()) -> String {
        var object = fields
        object["ts"] = ISO8601DateFormatter().string(from: date)
        object["level"] = level
        object["label"] = label
        object["message"] = message
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}

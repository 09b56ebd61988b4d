import Foundation

/// The compact, key-sorted JSON text stored in the database's JSON columns (counters, settings).
enum CompactJSON {
    /// `value` as compact JSON text with sorted keys.
    static func text<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

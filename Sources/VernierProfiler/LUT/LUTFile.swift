import Foundation
import VernierModel

/// A latency lookup table as exported to `lut/<device>/<space>.json`:
/// `{"device", "space", "backend", "entries": {key: {...}}}` plus the settings used.
public struct LUTFile: Codable, Hashable, Sendable {
    /// Format marker, always ``formatName``.
    public var format: String
    /// Device id.
    public var device: String
    /// Space the table covers (`all` for every stored entry).
    public var space: String
    /// Backend.
    public var backend: String
    /// Measurement settings of the run (from the first entry).
    public var settings: TimingSettings?
    /// Entries by layer key.
    public var entries: [String: LUTEntry]

    /// Value of ``format``.
    public static let formatName = "vernier-lut-1"

    /// Creates a file.
    public init(device: String, space: String, backend: String, settings: TimingSettings?, entries: [String: LUTEntry]) {
        format = Self.formatName
        self.device = device
        self.space = space
        self.backend = backend
        self.settings = settings
        self.entries = entries
    }

    /// Builds a file from stored records.
    public init(device: String, space: String, backend: String, records: [LUTEntryRecord]) {
        let entries = Dictionary(uniqueKeysWithValues: records.map { ($0.key, LUTEntry(record: $0)) })
        let settings = records.first.flatMap { MeasurementSettings.timing(fromStored: $0.settings) }
        self.init(device: device, space: space, backend: backend, settings: settings, entries: entries)
    }

    /// JSON text (sorted keys, pretty).
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// Reads and validates a Vernier LUT file.
    /// - Throws: ``LUTError`` naming the file and the first problem.
    public static func load(path: String) throws(LUTError) -> LUTFile {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw LUTError(.unreadable, file: path, detail: error.localizedDescription)
        }
        let file: LUTFile
        do { file = try JSONDecoder().decode(LUTFile.self, from: data) } catch let DecodingError.keyNotFound(key, context) {
            throw LUTError(.malformed, file: path,
                           detail: "missing field '\(key.stringValue)' at \(context.codingPath.map(\.stringValue).joined(separator: "."))")
        } catch let DecodingError.typeMismatch(_, context) {
            throw LUTError(.malformed, file: path, detail: "wrong type at \(context.codingPath.map(\.stringValue).joined(separator: "."))")
        } catch {
            throw LUTError(.malformed, file: path, detail: "not a Vernier LUT JSON file (\(error))")
        }
        guard file.format == formatName else {
            throw LUTError(.malformed, file: path, detail: "format '\(file.format)' is not \(formatName)")
        }
        for (key, entry) in file.entries.sorted(by: { $0.key < $1.key }) {
            guard entry.stats.medianMs.isFinite, entry.stats.medianMs >= 0, entry.stats.meanMs.isFinite, entry.stats.meanMs >= 0 else {
                throw LUTError(.malformed, file: path, detail: "entry \(key): latency \(entry.stats.medianMs) ms is not a finite non-negative number")
            }
        }
        return file
    }

    /// Records for the store, under `device`.
    public func records(device: String) -> [LUTEntryRecord] {
        let settingsJSON = settings.flatMap { try? CompactJSON.text($0) } ?? "{}"
        return entries.map { key, entry in entry.record(device: device, backend: backend, key: key, settings: settingsJSON) }
    }
}

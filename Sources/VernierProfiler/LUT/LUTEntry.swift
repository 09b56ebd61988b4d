import Foundation
import VernierModel

/// One entry of an exported LUT file: `{"op", "median_ms", "mad_ms", "mean_ms", "std_ms", "cv",
/// "repetitions", "inner_iterations", "counters", "source"}` (the statistics flat beside the rest).
public struct LUTEntry: Codable, Hashable, Sendable {
    /// Op kind (or the source format's op name for imports).
    public var op: String
    /// The latency and its spread.
    public var stats: LatencyStats
    /// Counter readings per call.
    public var counters: [String: Double]
    /// `measured` or `imported:<format>`.
    public var source: String

    enum CodingKeys: String, CodingKey {
        case op, counters, source
    }

    /// Creates an entry.
    public init(op: String, stats: LatencyStats, counters: [String: Double], source: String) {
        self.op = op
        self.stats = stats
        self.counters = counters
        self.source = source
    }

    /// The entry of a stored record (its counters decoded from their JSON text).
    public init(record: LUTEntryRecord) {
        let counters = try? JSONDecoder().decode([String: Double].self, from: Data(record.counters.utf8))
        self.init(op: record.op, stats: record.stats, counters: counters ?? [:], source: record.source)
    }

    /// The record that stores this entry as `key` for `device` on `backend`, with `settings` (JSON).
    public func record(device: String, backend: String, key: String, settings: String) -> LUTEntryRecord {
        LUTEntryRecord(deviceId: device, backend: backend, key: key, op: op, stats: stats,
                       counters: (try? CompactJSON.text(counters)) ?? "{}", settings: settings, source: source)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        op = try container.decode(String.self, forKey: .op)
        stats = try LatencyStats(from: decoder)
        counters = try container.decode([String: Double].self, forKey: .counters)
        source = try container.decode(String.self, forKey: .source)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(op, forKey: .op)
        try stats.encode(to: encoder)
        try container.encode(counters, forKey: .counters)
        try container.encode(source, forKey: .source)
    }
}

import Foundation

/// What the store holds for one device and backend: how many LUT entries, where they came from,
/// and when the first and the last of them were stored. The `lutEntry` table has no space column
/// (a layer key means the same in every space), so this is the store's unit of a LUT; which
/// spaces the entries cover is worked out above the store.
public struct LUTSummaryRecord: Sendable, Equatable {
    /// Device id.
    public var deviceId: String
    /// Backend name (`native`, `runner:…`, `imported`).
    public var backend: String
    /// Entries of the device on the backend.
    public var entries: Int
    /// The distinct `source`s of those entries (`measured`, `imported:<format>`), sorted.
    public var sources: [String]
    /// When the oldest entry was measured (or imported).
    public var firstMeasuredAt: Date
    /// When the newest entry was measured (or imported).
    public var lastMeasuredAt: Date

    /// Creates a summary.
    public init(deviceId: String, backend: String, entries: Int, sources: [String], firstMeasuredAt: Date, lastMeasuredAt: Date) {
        self.deviceId = deviceId
        self.backend = backend
        self.entries = entries
        self.sources = sources
        self.firstMeasuredAt = firstMeasuredAt
        self.lastMeasuredAt = lastMeasuredAt
    }
}

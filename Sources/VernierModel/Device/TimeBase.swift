/// The time base of a device's LUT entries on one backend and thread count: the latency of a
/// fixed reference layer (``LUTBuilder/referenceLayer``), measured once.
///
/// Shared machines drift: the same layer timed a few minutes apart can differ by 20–30 %. So the
/// LUT builder re-times the reference layer every few entries and stores each entry times
/// ``referenceMs`` over the reference's latest latency; every entry of the device is then on one
/// time base, whenever it was measured.
/// The time base is kept in the device profile (`device-profiles/<id>.json`), so a LUT rebuilt
/// later, or into a new database, lands on the same base.
public struct TimeBase: Codable, Hashable, Sendable {
    /// Backend the reference was timed on.
    public var backend: String
    /// Worker threads it was timed with.
    public var threads: Int
    /// Layer key of the reference layer.
    public var referenceKey: String
    /// The reference layer's median latency, ms.
    public var referenceMs: Double
    /// CV of that measurement.
    public var cv: Double
    /// When it was measured (ISO 8601).
    public var measuredAt: String
    /// Earlier values of this base, oldest first (`nil` when it never moved).
    public var moves: [TimeBaseMove]?

    /// Creates a time base.
    public init(backend: String, threads: Int, referenceKey: String, referenceMs: Double, cv: Double, measuredAt: String) {
        self.backend = backend
        self.threads = threads
        self.referenceKey = referenceKey
        self.referenceMs = referenceMs
        self.cv = cv
        self.measuredAt = measuredAt
    }

    /// Whether this base applies to entries of `backend` timed with `threads` against `referenceKey`.
    public func matches(backend: String, threads: Int, referenceKey: String) -> Bool {
        self.backend == backend && self.threads == threads && self.referenceKey == referenceKey
    }
}

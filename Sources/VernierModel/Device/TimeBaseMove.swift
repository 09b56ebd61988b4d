/// A change of a ``TimeBase``: the reference layer was found to run faster than the base said
/// (the base had been measured while the machine was busy), so the base and every entry stored
/// on it were rescaled. Kept in the base's history so that a LUT whose base moved says so.
public struct TimeBaseMove: Codable, Hashable, Sendable {
    /// The reference latency before, ms.
    public var fromMs: Double
    /// The reference latency after, ms.
    public var toMs: Double
    /// When (ISO 8601).
    public var at: String
    /// Why, e.g. "re-checked at start: the reference ran at 0.647 ms".
    public var reason: String
    /// LUT entries and end-to-end measurements rescaled in the store that moved it.
    public var rescaledEntries: Int

    /// Creates a move.
    public init(fromMs: Double, toMs: Double, at: String, reason: String, rescaledEntries: Int) {
        self.fromMs = fromMs
        self.toMs = toMs
        self.at = at
        self.reason = reason
        self.rescaledEntries = rescaledEntries
    }

    /// The factor every entry on the base was multiplied by.
    public var factor: Double { toMs / fromMs }
}

import Foundation

/// What is stored in a LUT entry's `settings`: the timing settings, how many passes timed the
/// entry and what each gave (the fastest is the entry), and — on a time base — the reference, the
/// base latency, the reference's latency around the chosen pass and that pass's raw median.
public struct LUTEntrySettings: Codable, Hashable, Sendable {
    /// Timing rules of every pass.
    public var timing: TimingSettings
    /// Timings of the entry, seconds apart.
    public var passes: Int
    /// Each pass's median, ms (on the time base when there is one), in the order timed.
    public var passMs: [Double]
    /// Key of the reference layer (`nil`: absolute entry).
    public var reference: String?
    /// The time base's reference latency, ms.
    public var referenceStoredMs: Double?
    /// Mean of the reference readings around the chosen pass, ms.
    public var referenceNowMs: Double?
    /// The chosen pass's median before scaling, ms.
    public var rawMedianMs: Double?

    /// Creates settings.
    public init(timing: TimingSettings, passes: Int, passMs: [Double], reference: String? = nil,
                referenceStoredMs: Double? = nil, referenceNowMs: Double? = nil, rawMedianMs: Double? = nil) {
        self.timing = timing
        self.passes = passes
        self.passMs = passMs
        self.reference = reference
        self.referenceStoredMs = referenceStoredMs
        self.referenceNowMs = referenceNowMs
        self.rawMedianMs = rawMedianMs
    }

    /// The timing settings in a stored `settings` text: this type's, one with a `timing` field
    /// (entries stored before passes), or plain ``TimingSettings`` (absolute entries of old builds).
    public static func timing(fromStored text: String) -> TimingSettings? {
        struct Wrapped: Decodable { let timing: TimingSettings }
        let data = Data(text.utf8)
        let decoder = JSONDecoder()
        return (try? decoder.decode(Wrapped.self, from: data).timing) ?? (try? decoder.decode(TimingSettings.self, from: data))
    }
}

import Foundation
import VernierModel

/// What is stored in the `settings` of a LUT entry or an arch measurement: the timing settings;
/// for LUT entries, how many passes timed the entry and what each gave (the fastest is the
/// entry); and for latencies put on a reference — the layer time base, or for archs the space's
/// reference arch — the reference, its stored latency, its latency around the chosen timing and
/// that timing's raw median.
public struct MeasurementSettings: Codable, Hashable, Sendable {
    /// Timing rules of every timing.
    public var timing: TimingSettings
    /// Timings of a LUT entry, seconds apart (`nil` for arch measurements).
    public var passes: Int?
    /// Each pass's median, ms (on the time base when there is one), in the order timed.
    public var passMs: [Double]?
    /// Key of the reference layer, or the reference arch (`nil`: absolute).
    public var reference: String?
    /// The reference's stored latency, ms.
    public var referenceStoredMs: Double?
    /// The reference's latency around the chosen timing, ms.
    public var referenceNowMs: Double?
    /// The chosen timing's median before scaling, ms (`nil` where the stored value is a ratio ×
    /// the reference's stored latency).
    public var rawMedianMs: Double?

    /// Creates settings.
    public init(timing: TimingSettings, passes: Int? = nil, passMs: [Double]? = nil, reference: String? = nil,
                referenceStoredMs: Double? = nil, referenceNowMs: Double? = nil, rawMedianMs: Double? = nil) {
        self.timing = timing
        self.passes = passes
        self.passMs = passMs
        self.reference = reference
        self.referenceStoredMs = referenceStoredMs
        self.referenceNowMs = referenceNowMs
        self.rawMedianMs = rawMedianMs
    }

    /// The timing settings in a stored `settings` text: this type's, or plain ``TimingSettings``
    /// (absolute entries of builds before passes).
    public static func timing(fromStored text: String) -> TimingSettings? {
        let data = Data(text.utf8)
        let decoder = JSONDecoder()
        return (try? decoder.decode(MeasurementSettings.self, from: data).timing) ?? (try? decoder.decode(TimingSettings.self, from: data))
    }

    /// The same settings with the stored reference latency moved to `newMs` (a re-based entry).
    public func moved(toMs newMs: Double) -> MeasurementSettings {
        var next = self
        next.referenceStoredMs = newMs
        return next
    }
}

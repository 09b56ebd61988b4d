import Foundation
import VernierModel

/// Re-basing a ``TimeBase`` that was measured while the machine was busy.
///
/// A base is the reference layer's latency at the machine's uncontended speed, and every entry
/// stored on it is `raw × base / reference now`. A base measured in a slow phase therefore
/// inflates every entry by the same factor (an agent that started on a loaded machine once stored
/// a LUT 2.1× too slow). When the reference is later seen running clearly faster than the base
/// (by more than ``threshold``), the base moves to the faster value and every entry stored on it
/// is multiplied by new/old — the same entries the new base would have given.
public enum TimeBaseRebase {
    /// Relative margin by which the reference must beat the base before the base moves.
    public static let threshold = 0.1
    /// Reference brackets a build must have timed before its fastest counts.
    public static let minimumBrackets = 8

    /// The faster reference latency `observedMs` when it beats `base` by more than ``threshold``, else `nil`.
    public static func fasterReference(_ observedMs: Double?, than base: TimeBase) -> Double? {
        guard let observedMs, observedMs.isFinite, observedMs > 0, observedMs < base.referenceMs * (1 - threshold) else { return nil }
        return observedMs
    }

    /// Whether `entry` was stored on `base`: its settings name the base's reference layer, its
    /// stored reference latency and thread count.
    public static func isOn(_ base: TimeBase, _ entry: LUTEntryRecord) -> Bool {
        guard entry.backend == base.backend,
              let settings = try? JSONDecoder().decode(MeasurementSettings.self, from: Data(entry.settings.utf8)) else { return false }
        return settings.reference == base.referenceKey && settings.referenceStoredMs == base.referenceMs
            && settings.timing.threads == base.threads
    }

    /// The entries of `entries` stored on `base`, rescaled to a base of `newMs` (their settings
    /// then name the new base).
    public static func rescaled(_ entries: [LUTEntryRecord], from base: TimeBase, toMs newMs: Double) -> [LUTEntryRecord] {
        let factor = newMs / base.referenceMs
        return entries.compactMap { entry in
            guard isOn(base, entry), let settings = try? JSONDecoder().decode(MeasurementSettings.self, from: Data(entry.settings.utf8)),
                  let text = try? CompactJSON.text(settings.moved(toMs: newMs)) else { return nil }
            var moved = entry
            moved.stats = entry.stats.scaled(by: factor)
            moved.settings = text
            return moved
        }
    }

    /// The end-to-end measurements of `records` that hang on `base`, rescaled to a base of `newMs`.
    ///
    /// Of each space and resolution, the reference arch is timed on the time base and every
    /// other arch as a ratio to the reference arch's stored latency; when the reference arch's
    /// record is on `base`, it and every record on it move by new/old.
    public static func rescaled(_ records: [ArchMeasurementRecord], from base: TimeBase, toMs newMs: Double) -> [ArchMeasurementRecord] {
        let factor = newMs / base.referenceMs
        func settings(_ record: ArchMeasurementRecord) -> MeasurementSettings? {
            try? JSONDecoder().decode(MeasurementSettings.self, from: Data(record.settings.utf8))
        }
        func moved(_ record: ArchMeasurementRecord, _ old: MeasurementSettings, storedMs: Double) -> ArchMeasurementRecord? {
            guard let text = try? CompactJSON.text(old.moved(toMs: storedMs)) else { return nil }
            var next = record
            next.stats = record.stats.scaled(by: factor)
            next.settings = text
            return next
        }
        var result: [ArchMeasurementRecord] = []
        let sets = Dictionary(grouping: records.filter { $0.backend == base.backend }) { "\($0.space)@\($0.resolution)" }
        for (_, set) in sets {
            guard let anchor = set.first(where: { record in
                settings(record).map { $0.reference == base.referenceKey && $0.referenceStoredMs == base.referenceMs && $0.timing.threads == base.threads } ?? false
            }), let anchorSettings = settings(anchor), let movedAnchor = moved(anchor, anchorSettings, storedMs: newMs) else { continue }
            result.append(movedAnchor)
            for record in set where record.arch != anchor.arch {
                guard let own = settings(record), own.reference == anchor.arch, own.referenceStoredMs == anchor.stats.medianMs,
                      let next = moved(record, own, storedMs: movedAnchor.stats.medianMs) else { continue }
                result.append(next)
            }
        }
        return result
    }

    /// `base` moved to `newMs`, its history extended.
    public static func moved(_ base: TimeBase, toMs newMs: Double, reason: String, rescaledEntries: Int, at date: Date = Date()) -> TimeBase {
        var next = base
        let stamp = ISO8601DateFormatter().string(from: date)
        next.moves = (base.moves ?? []) + [TimeBaseMove(fromMs: base.referenceMs, toMs: newMs, at: stamp, reason: reason, rescaledEntries: rescaledEntries)]
        next.referenceMs = newMs
        next.measuredAt = stamp
        return next
    }
}

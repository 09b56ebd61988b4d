import VernierModel
import VernierProfiler
import VernierStore

extension TimeBaseRebase {
    /// Rescales, in `store`, every LUT entry and end-to-end measurement of `device` stored on
    /// `base` to a base of `newMs`.
    /// - Returns: how many entries and measurements were rescaled.
    public static func apply(store: Store, device: String, from base: TimeBase, toMs newMs: Double) throws -> Int {
        let entries = try store.lutEntries(device: device, backend: base.backend, keys: nil)
        let moved = rescaled(entries, from: base, toMs: newMs)
        if !moved.isEmpty { try store.replaceLUTEntries(moved) }
        let measurements = rescaled(try store.archMeasurements(device: device, backend: base.backend), from: base, toMs: newMs)
        if !measurements.isEmpty { try store.replaceArchMeasurements(measurements) }
        return moved.count + measurements.count
    }

    /// The time bases of `incoming` that move a base of `stored` (same backend, threads and
    /// reference, another latency), with what the store's entries on the old base must become:
    /// a device re-registered after its agent re-based carries its entries along.
    /// - Returns: the number of entries rescaled.
    public static func follow(store: Store, device: String, stored: DeviceProfile?, incoming: DeviceProfile) throws -> Int {
        guard let stored else { return 0 }
        var total = 0
        for base in incoming.timeBases ?? [] {
            guard let old = stored.timeBase(backend: base.backend, threads: base.threads, referenceKey: base.referenceKey),
                  old.referenceMs != base.referenceMs else { continue }
            total += try apply(store: store, device: device, from: old, toMs: base.referenceMs)
        }
        return total
    }
}

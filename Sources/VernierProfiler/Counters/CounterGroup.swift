import CPerf
import Foundation
import VernierModel

/// Hardware and software performance counters read around a measurement, through
/// `perf_event_open` with events encoded by libpfm4. Events that cannot be opened (no PMU in a
/// VM, permissions, unknown names) are reported in ``status`` with the reason and skipped;
/// nothing fails because of them.
public final class CounterGroup: @unchecked Sendable {
    /// The events asked for by default.
    public static let defaultEvents = [
        "cycles", "instructions", "cache-references", "cache-misses", "branch-misses",
        "task-clock", "page-faults", "context-switches",
    ]
    /// Events that need a hardware PMU.
    public static let hardwareEvents: Set<String> = ["cycles", "instructions", "cache-references", "cache-misses",
                                                     "branch-misses"]

    /// Availability of every requested event.
    public let status: [CounterStatus]
    private let names: [String]
    private let group: OpaquePointer?

    /// Opens `events` for the calling thread and the threads it starts later (`inherit`).
    public init(events: [String] = CounterGroup.defaultEvents, inherit: Bool = true) {
        names = events
        var raw = [vp_event_status](repeating: vp_event_status(), count: events.count)
        var initError = [CChar](repeating: 0, count: 256)
        if vp_initialize(&initError, initError.count) != 0 {
            let reason = String(decoding: initError.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            status = events.map { CounterStatus(name: $0, hardware: CounterGroup.hardwareEvents.contains($0),
                                                available: false, errno: nil, reason: reason) }
            group = nil
            return
        }
        let cNames = events.map { strdup($0) }
        defer { cNames.forEach { free($0) } }
        let pointers: [UnsafePointer<CChar>?] = cNames.map { UnsafePointer($0) }
        group = pointers.withUnsafeBufferPointer { buffer in
            vp_group_open(buffer.baseAddress, Int32(events.count), inherit ? 1 : 0, &raw)
        }
        status = raw.enumerated().map { index, entry in
            let reason = withUnsafeBytes(of: entry.reason) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            return CounterStatus(name: events[index], hardware: CounterGroup.hardwareEvents.contains(events[index]),
                                 available: entry.available != 0,
                                 errno: entry.available != 0 || entry.error_errno == 0 ? nil : Int(entry.error_errno),
                                 reason: entry.available != 0 ? nil : reason)
        }
    }

    deinit { if let group { vp_group_close(group) } }

    /// Names of the events that are counting.
    public var availableEvents: [String] { status.filter(\.available).map(\.name) }

    /// Resets and starts counting.
    public func start() {
        if let group { _ = vp_group_reset_enable(group) }
    }

    /// Stops counting and returns the values of the available events since ``start()``.
    public func stop() -> [String: Double] {
        guard let group else { return [:] }
        _ = vp_group_disable(group)
        var values = [UInt64](repeating: 0, count: names.count)
        var valid = [Int32](repeating: 0, count: names.count)
        guard vp_group_read(group, &values, &valid, Int32(names.count)) == 0 else { return [:] }
        var result: [String: Double] = [:]
        for (index, name) in names.enumerated() where valid[index] != 0 { result[name] = Double(values[index]) }
        return result
    }
}

import Foundation

/// How busy the machine is before measuring (Linux `/proc/loadavg`), so that a profile taken
/// while other processes compete for the CPU says so, as Google Benchmark warns about CPU scaling.
public struct MachineLoad: Sendable, Equatable {
    /// Runnable processes averaged over the last minute.
    public let oneMinute: Double
    /// Logical CPUs online.
    public let cpus: Int

    /// Creates a reading.
    public init(oneMinute: Double, cpus: Int) {
        self.oneMinute = oneMinute
        self.cpus = max(1, cpus)
    }

    /// The current reading; `nil` where `/proc/loadavg` does not exist or does not parse.
    public static func current() -> MachineLoad? {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return nil }
        return parse(text, cpus: ProcessInfo.processInfo.activeProcessorCount)
    }

    /// The reading in `/proc/loadavg` text (`"0.52 0.61 0.70 1/234 5678"`).
    public static func parse(_ text: String, cpus: Int) -> MachineLoad? {
        guard let first = text.split(separator: " ").first, let value = Double(first), value.isFinite, value >= 0 else {
            return nil
        }
        return MachineLoad(oneMinute: value, cpus: cpus)
    }

    /// More than a quarter of the CPUs were busy on average: timings will be slower and noisier.
    public var isBusy: Bool { oneMinute > 0.25 * Double(cpus) }

    /// The warning printed before measuring on a busy machine.
    public var warning: String {
        String(format: "the machine is busy (load %.2f over the last minute on %d CPUs): latencies measured now are slower and noisier than on a quiet machine; the time base corrects drift, not contention",
               oneMinute, cpus)
    }
}

import Foundation

/// Everything Vernier knows about a device: hardware, OS, which counters work (and why not),
/// roofline numbers and the measurement settings used. Stored in the database and written to
/// `device-profiles/<id>.json`.
public struct DeviceProfile: Codable, Hashable, Sendable {
    /// Stable id (default: derived from the CPU model, core count and machine id).
    public var id: String
    /// CPU model name.
    public var cpuModel: String
    /// Architecture (`x86_64`, `aarch64`).
    public var architecture: String
    /// SIMD-relevant ISA flags present.
    public var isaFlags: [String]
    /// Physical cores.
    public var cores: Int
    /// Logical CPUs online.
    public var threads: Int
    /// Nominal or maximum clock, MHz (`nil` if not reported).
    public var clockMHz: Double?
    /// Caches, one entry per level and type.
    public var caches: [CacheLevel]
    /// Main memory, bytes.
    public var memoryBytes: Int
    /// OS name and version.
    public var os: String
    /// Kernel release.
    public var kernel: String
    /// Whether a hypervisor was detected.
    public var virtualized: Bool
    /// `kernel.perf_event_paranoid`.
    public var perfEventParanoid: Int?
    /// Every counter Vernier asks for: available or not, and why not.
    public var counters: [CounterStatus]
    /// Roofline parameters, once measured.
    public var roofline: Roofline?
    /// Measurement settings of the profile run.
    public var measurementSettings: TimingSettings?
    /// When probed (ISO 8601).
    public var probedAt: String

    /// JSON (sorted keys, pretty) as written to `device-profiles/`.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// Decodes a profile from JSON text.
    public static func decode(_ text: String) throws -> DeviceProfile {
        try JSONDecoder().decode(DeviceProfile.self, from: Data(text.utf8))
    }

    /// Theoretical single-core peak FLOP/s: SIMD lanes × 2 (FMA) × FMA units × clock.
    public var theoreticalPeakFlopsPerCore: Double? {
        guard let clockMHz else { return nil }
        let lanes: Double = isaFlags.contains("avx512f") ? 16 : isaFlags.contains("avx2") || isaFlags.contains("avx") ? 8 : 4
        let fmaUnits: Double = 2
        let perCycle = lanes * (isaFlags.contains("fma") ? 2 * fmaUnits : fmaUnits)
        return perCycle * clockMHz * 1e6
    }
}

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
    /// Time bases of the LUT entries, one per backend and thread count (``TimeBase``).
    public var timeBases: [TimeBase]?
    /// Fusion rules found per backend name (`vernier fusion`), e.g. `runner:onnxruntime` → `conv+relu`.
    public var fusionRules: [String: [String]]?
    /// `nil` when probed on the device itself; otherwise where the profile came from
    /// (`imported from <file>`): such a device's latencies cannot be measured on this machine.
    public var source: String?

    /// Creates a value from all its fields.
    public init(id: String, cpuModel: String, architecture: String, isaFlags: [String], cores: Int, threads: Int,
                clockMHz: Double? = nil, caches: [CacheLevel], memoryBytes: Int, os: String, kernel: String,
                virtualized: Bool, perfEventParanoid: Int? = nil, counters: [CounterStatus],
                roofline: Roofline? = nil, measurementSettings: TimingSettings? = nil, probedAt: String,
                timeBases: [TimeBase]? = nil, fusionRules: [String: [String]]? = nil, source: String? = nil) {
        self.id = id
        self.cpuModel = cpuModel
        self.architecture = architecture
        self.isaFlags = isaFlags
        self.cores = cores
        self.threads = threads
        self.clockMHz = clockMHz
        self.caches = caches
        self.memoryBytes = memoryBytes
        self.os = os
        self.kernel = kernel
        self.virtualized = virtualized
        self.perfEventParanoid = perfEventParanoid
        self.counters = counters
        self.roofline = roofline
        self.measurementSettings = measurementSettings
        self.probedAt = probedAt
        self.timeBases = timeBases
        self.fusionRules = fusionRules
        self.source = source
    }


    /// A minimal profile for a device known only through imported data (a phone's LUT, say):
    /// the hardware fields say `unknown` and ``source`` says where the data came from.
    public static func imported(id: String, from file: String) -> DeviceProfile {
        DeviceProfile(
            id: id, cpuModel: "unknown", architecture: "unknown", isaFlags: [], cores: 0, threads: 0, clockMHz: nil,
            caches: [], memoryBytes: 0, os: "unknown", kernel: "unknown", virtualized: false, perfEventParanoid: nil,
            counters: [], roofline: nil, measurementSettings: nil, probedAt: ISO8601DateFormatter().string(from: Date()),
            timeBases: nil, fusionRules: nil, source: "imported from \(file)")
    }

    /// The profile stored for device `id`: a whole profile, or what `lut import` stored before
    /// profiles of imported devices were whole (`{"id", "source"}`), read as an imported profile.
    public static func decodeStored(_ text: String, id: String) throws -> DeviceProfile {
        do { return try decode(text) } catch {
            if let stub = try? JSONDecoder().decode([String: String].self, from: Data(text.utf8)), stub["id"] == id,
               let source = stub["source"] {
                return .imported(id: id, from: source.replacingOccurrences(of: "imported from ", with: ""))
            }
            throw error
        }
    }

    /// The time base of `backend` at `threads` for `referenceKey`, if one was measured.
    public func timeBase(backend: String, threads: Int, referenceKey: String) -> TimeBase? {
        timeBases?.first { $0.matches(backend: backend, threads: threads, referenceKey: referenceKey) }
    }

    /// Stores `base`, replacing the one it supersedes.
    public mutating func setTimeBase(_ base: TimeBase) {
        var bases = (timeBases ?? []).filter { !$0.matches(backend: base.backend, threads: base.threads, referenceKey: base.referenceKey) }
        bases.append(base)
        timeBases = bases.sorted { ($0.backend, $0.threads) < ($1.backend, $1.threads) }
    }

    /// This profile with what only `older` has: its roofline when this one has none, its time
    /// bases for backends and thread counts this one lacks, and its fusion rules for backends this
    /// one has none for. Saving a re-probed profile, or one from a database that never saw a
    /// roofline, then loses nothing already written.
    public func keepingWhatIsMissing(from older: DeviceProfile) -> DeviceProfile {
        guard older.id == id else { return self }
        var merged = self
        if merged.roofline == nil { merged.roofline = older.roofline }
        for base in older.timeBases ?? [] where merged.timeBase(backend: base.backend, threads: base.threads,
                                                                 referenceKey: base.referenceKey) == nil {
            merged.setTimeBase(base)
        }
        if let rules = older.fusionRules {
            merged.fusionRules = (merged.fusionRules ?? [:]).merging(rules) { mine, _ in mine }
        }
        return merged
    }

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

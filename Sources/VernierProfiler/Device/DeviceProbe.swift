import Foundation
import CPerf
import VernierModel

/// Reads the machine: CPU, ISA flags, cores, caches, memory, OS and which counters work.
public enum DeviceProbe {
    /// ISA flags worth recording for kernel performance.
    static let interestingFlags: Set<String> = ["sse4_2", "avx", "avx2", "fma", "f16c", "avx512f", "avx512bw",
                                                "avx512vl", "avx512_vnni", "avx512_bf16", "amx_tile", "neon", "asimd",
                                                "asimdhp", "sve", "sve2", "hypervisor"]

    /// Probes this machine; `id` overrides the default id.
    public static func probe(id: String? = nil, counterEvents: [String] = CounterGroup.defaultEvents) -> DeviceProfile {
        let cpuinfo = read("/proc/cpuinfo") ?? ""
        let fields = firstProcessor(cpuinfo)
        let model = cpuModel(fields)
        let flags = Set((fields["flags"] ?? fields["Features"] ?? "").split(separator: " ").map(String.init))
        let threads = onlineCPUs()
        let cores = physicalCores(cpuinfo) ?? threads
        var utsname = utsname()
        uname(&utsname)
        let machine = withUnsafeBytes(of: utsname.machine) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        let release = withUnsafeBytes(of: utsname.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        let maxKHz = read("/sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq").flatMap { Double($0.trimmed) }
        let clock = maxKHz.map { $0 / 1000 } ?? fields["cpu MHz"].flatMap { Double($0) }
        let counters = CounterGroup(events: counterEvents)
        let paranoid = Int(vp_perf_event_paranoid())
        let formatter = ISO8601DateFormatter()
        return DeviceProfile(
            id: id ?? defaultID(model: model, threads: threads), cpuModel: model, architecture: machine,
            isaFlags: flags.intersection(interestingFlags).subtracting(["hypervisor"]).sorted(), cores: cores,
            threads: threads, clockMHz: clock, caches: caches(), memoryBytes: memoryBytes(), os: osName(),
            kernel: release, virtualized: flags.contains("hypervisor"), perfEventParanoid: paranoid == -100 ? nil : paranoid,
            counters: counters.status, roofline: nil, measurementSettings: nil, probedAt: formatter.string(from: Date()),
            timeBases: nil, fusionRules: nil, source: nil)
    }

    /// `<cpu-model-slug>-<threads>t-<6 hex of the machine id>`: stable across runs on one machine.
    public static func defaultID(model: String, threads: Int) -> String {
        let slug = model.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }
            .reduce(into: "") { text, c in if !(c == "-" && text.last == "-") { text.append(c) } }
            .trimmingCharacters(in: CharacterSet(charactersIn: "-"))
        let machineID = read("/etc/machine-id")?.trimmed ?? ProcessInfo.processInfo.hostName
        let hash = FNV1a.hash(machineID)
        return "\(slug.prefix(40))-\(threads)t-\(String(hash, radix: 16).prefix(6))"
    }

    static func read(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }

    static func firstProcessor(_ cpuinfo: String) -> [String: String] {
        var fields: [String: String] = [:]
        for line in cpuinfo.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.trimmed.isEmpty { if !fields.isEmpty { break } else { continue } }
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2 { fields[parts[0].trimmed] = parts[1].trimmed }
        }
        return fields
    }

    static func physicalCores(_ cpuinfo: String) -> Int? {
        var pairs = Set<String>()
        var physical = "0"
        for line in cpuinfo.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1).map { $0.trimmed }
            guard parts.count == 2 else { continue }
            if parts[0] == "physical id" { physical = parts[1] }
            if parts[0] == "core id" { pairs.insert("\(physical)/\(parts[1])") }
        }
        return pairs.isEmpty ? nil : pairs.count
    }

    static func caches() -> [CacheLevel] {
        var result: [CacheLevel] = []
        for index in 0..<8 {
            let base = "/sys/devices/system/cpu/cpu0/cache/index\(index)/"
            guard let level = read(base + "level").flatMap({ Int($0.trimmed) }),
                  let type = read(base + "type")?.trimmed, let size = read(base + "size")?.trimmed else { continue }
            let shared = read(base + "shared_cpu_list").map(cpuCount) ?? 1
            result.append(CacheLevel(level: level, type: type, sizeBytes: parseSize(size), sharedBy: shared))
        }
        return result
    }

    /// `32K`, `1024K`, `32M` → bytes.
    static func parseSize(_ text: String) -> Int {
        let number = Int(text.filter(\.isNumber)) ?? 0
        switch text.last {
        case "K": return number * 1024
        case "M": return number * 1024 * 1024
        case "G": return number * 1024 * 1024 * 1024
        default: return number
        }
    }

    /// `0-3,8` → 5.
    static func cpuCount(_ list: String) -> Int {
        list.trimmed.split(separator: ",").reduce(0) { total, range in
            let bounds = range.split(separator: "-").compactMap { Int($0) }
            return total + (bounds.count == 2 ? bounds[1] - bounds[0] + 1 : 1)
        }
    }

    static func memoryBytes() -> Int {
        for line in (read("/proc/meminfo") ?? "").split(separator: "\n") where line.hasPrefix("MemTotal:") {
            return (Int(line.filter(\.isNumber)) ?? 0) * 1024
        }
        return 0
    }

    static func osName() -> String {
        for line in (read("/etc/os-release") ?? "").split(separator: "\n") where line.hasPrefix("PRETTY_NAME=") {
            return String(line.dropFirst("PRETTY_NAME=".count)).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return "unknown"
    }

    /// The cache of `level` (data or unified), if any.
    public static func cache(_ caches: [CacheLevel], level: Int) -> CacheLevel? {
        caches.first { $0.level == level && $0.type != "Instruction" }
    }
}

extension StringProtocol {
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}

extension DeviceProbe {
    /// This machine's default id, without probing counters.
    public static func thisMachineID() -> String {
        defaultID(model: cpuModel(firstProcessor(read("/proc/cpuinfo") ?? "")), threads: onlineCPUs())
    }

    /// The CPU model from the first processor's `/proc/cpuinfo` fields (x86 and ARM spellings).
    static func cpuModel(_ fields: [String: String]) -> String {
        fields["model name"] ?? fields["Hardware"] ?? fields["CPU part"] ?? "unknown CPU"
    }

    /// Logical CPUs online (at least 1).
    static func onlineCPUs() -> Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }
}

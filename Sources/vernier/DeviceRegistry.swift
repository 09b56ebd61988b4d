import Foundation
import VernierProfiler
import VernierStore

/// Loads, probes and saves device profiles (database + `device-profiles/<id>.json`).
enum DeviceRegistry {
    /// The stored profile of `id`, or — for this machine — a fresh probe saved to the store.
    /// An unknown id that is not this machine is an error.
    static func profile(id: String?, store: Store) throws -> DeviceProfile {
        let thisMachine = DeviceProbe.thisMachineID()
        let wanted = id ?? thisMachine
        if let record = try store.device(id: wanted) {
            do { return try DeviceProfile.decode(record.profile) } catch {
                throw CLIError(.badInput, "stored profile of device \(wanted) is unreadable: \(error)")
            }
        }
        guard id == nil || wanted == thisMachine || ProcessInfo.processInfo.environment["VERNIER_ALLOW_NEW_DEVICE"] == "1" else {
            let known = (try? store.devices().map(\.id).joined(separator: ", ")) ?? ""
            throw CLIError(.badInput, "unknown device '\(wanted)'; known: \(known.isEmpty ? "none" : known); this machine is \(thisMachine) (run `vernier device probe --id \(wanted)` to register it)")
        }
        let profile = DeviceProbe.probe(id: wanted)
        try save(profile, store: store, directory: nil)
        return profile
    }

    /// Saves a profile to the store, and to `directory/<id>.json` when a directory is given.
    static func save(_ profile: DeviceProfile, store: Store, directory: String?) throws {
        let json = try profile.json()
        try store.saveDevice(id: profile.id, profileJSON: json)
        guard let directory else { return }
        let url = URL(fileURLWithPath: directory).appendingPathComponent("\(profile.id).json")
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try Data((json + "\n").utf8).write(to: url, options: .atomic)
        } catch {
            throw CLIError(.badInput, "cannot write \(url.path): \(error.localizedDescription)")
        }
    }
}

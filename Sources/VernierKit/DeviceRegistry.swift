import Foundation
import VernierModel
import VernierProfiler
import VernierStore

/// Loads, probes and saves device profiles (database + `device-profiles/<id>.json`): the one
/// place both front-ends resolve a device id to its profile.
public enum DeviceRegistry {
    /// Where profiles are written and looked for.
    public static let directory = "device-profiles"

    /// The profile stored for `id`; a device the store does not know is ``UseCaseError/Kind/notFound``,
    /// naming the devices it knows. (The service's lookup: no files, no probing.)
    public static func stored(id: String, store: Store) throws -> DeviceProfile {
        let record: DeviceRecord?
        do { record = try store.device(id: id) } catch { throw UseCaseError(.storage, "\(error)") }
        guard let record else {
            throw UseCaseError(.notFound, "unknown device '\(id)'; known: \(knownDevices(store))")
        }
        return try decode(record, id: id)
    }

    /// The ids the store knows, comma-separated, or `none`.
    static func knownDevices(_ store: Store) -> String {
        let known = (try? store.devices().map(\.id).joined(separator: ", ")) ?? ""
        return known.isEmpty ? "none" : known
    }

    /// The profile in a stored device record.
    /// - Throws: ``UseCaseError`` (`storage`) when it is unreadable.
    public static func decode(_ record: DeviceRecord, id: String) throws -> DeviceProfile {
        do { return try DeviceProfile.decodeStored(record.profile, id: id) } catch {
            throw UseCaseError(.storage, "stored profile of device \(id) is unreadable: \(error)")
        }
    }

    /// The stored profile of `id`; else its `<directory>/<id>.json` (saved to the store, so
    /// that its roofline and time bases carry over to a new database); else — for this machine —
    /// a fresh probe saved to the store. An unknown id that is not this machine is an error.
    public static func profile(id: String?, store: Store, directory: String = directory) throws -> DeviceProfile {
        let thisMachine = DeviceProbe.thisMachineID()
        let wanted = id ?? thisMachine
        if let record = try store.device(id: wanted) { return try decode(record, id: wanted) }
        if let profile = try written(id: wanted, directory: directory) {
            try save(profile, store: store, directory: nil)
            return profile
        }
        guard id == nil || wanted == thisMachine || ProcessInfo.processInfo.environment["VERNIER_ALLOW_NEW_DEVICE"] == "1" else {
            throw UseCaseError(.notFound, "unknown device '\(wanted)'; known: \(knownDevices(store)); this machine is \(thisMachine) (run `vernier device probe --id \(wanted)` to register it)")
        }
        let profile = DeviceProbe.probe(id: wanted)
        try save(profile, store: store, directory: nil)
        return profile
    }

    /// The profile written to `<directory>/<id>.json`, if there is one.
    public static func written(id: String, directory: String) throws -> DeviceProfile? {
        let file = URL(fileURLWithPath: directory).appendingPathComponent("\(id).json")
        guard let data = FileManager.default.contents(atPath: file.path) else { return nil }
        let profile: DeviceProfile
        do { profile = try DeviceProfile.decode(String(decoding: data, as: UTF8.self)) } catch {
            throw UseCaseError(.badInput, "\(file.path) is not a device profile: \(error)")
        }
        if let problem = profile.implausibleFigure {
            throw UseCaseError(.badInput, "\(file.path): \(problem)")
        }
        guard profile.id == id else {
            throw UseCaseError(.conflict, "\(file.path) holds the profile of device '\(profile.id)', not '\(id)'")
        }
        return profile
    }

    /// The profile of a device this machine can measure: not one known only from imported data.
    public static func localProfile(id: String?, store: Store, directory: String = directory) throws -> DeviceProfile {
        let profile = try profile(id: id, store: store, directory: directory)
        if let source = profile.source {
            throw UseCaseError(.conflict, "device \(profile.id) is not this machine (\(source)); its latencies cannot be measured here")
        }
        return profile
    }

    /// Saves a profile to the store, and to `directory/<id>.json` when a directory is given; what
    /// only the file there has (roofline, time bases, fusion rules) is kept.
    public static func save(_ profile: DeviceProfile, store: Store, directory: String?) throws {
        var profile = profile
        if let directory, let older = try? written(id: profile.id, directory: directory) {
            profile = profile.keepingWhatIsMissing(from: older)
        }
        let json = try profile.json()
        try store.saveDevice(id: profile.id, profileJSON: json)
        guard let directory else { return }
        let url = URL(fileURLWithPath: directory).appendingPathComponent("\(profile.id).json")
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try Data((json + "\n").utf8).write(to: url, options: .atomic)
        } catch {
            throw UseCaseError(.storage, "cannot write \(url.path): \(error.localizedDescription)")
        }
    }
}

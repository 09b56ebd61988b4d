import ArgumentParser
import Foundation
import VernierKit
import VernierModel
import VernierPredict
import VernierProfiler
import VernierStore

/// `vernier device import`: devices known only through published latencies (a column of a
/// measurements CSV each), stored so that transfer calibration can learn from them.
struct DeviceImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import device profiles (JSON files, e.g. device-profiles/*.json) or devices from a measurements CSV (one device per latency column) as references for transfer calibration.",
        discussion: """
            vernier device import device-profiles/amd-epyc-2t-e057f4.json   # a profile measured elsewhere (roofline, time bases)
            vernier device import --measurements ../shared/latency/help_nb201_latency_ms.csv --space nb201
            """)

    @Argument(help: "Device profile JSON files to import (as written by `vernier device probe`/`profile` into device-profiles/).")
    var files: [String] = []

    @Option(help: "Measurements CSV (header: arch or arch_str, one latency column per device, ms).")
    var measurements: String?

    @Option(help: "Search space of the archs (with --measurements).")
    var space: String?

    @Option(help: "Columns to import, comma-separated (default: every latency column).")
    var column: String?

    @Option(help: "Prefix of the device ids (the id is prefix + column).")
    var prefix = ""

    @Option(help: "Input resolution the latencies were measured at (default: the space's).")
    var resolution: Int?

    func validate() throws {
        if files.isEmpty {
            guard measurements != nil, space != nil else {
                throw ValidationError("give profile files (device-profiles/ID.json) or --measurements CSV --space SPACE")
            }
        } else if measurements != nil {
            throw ValidationError("import profile files or a --measurements CSV, not both in one command")
        }
        if let space { try ResolutionRule.check(resolution, space: space) }
    }

    @Option(name: .customLong("min-ms"), help: "Drop latencies below this (degenerate archs).")
    var minMs = 0.1

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: OutputOptions

    /// The backend name imported latencies are stored under.
    static let backend = "imported"

    struct Imported: Encodable {
        let device: String
        let archs: Int
        let dropped: Int
    }

    func run() throws {
        if !files.isEmpty { return try importProfiles() }
        guard let measurements, let space else { return }
        let searchSpace = try Spaces.named(space)
        let side = resolution ?? searchSpace.defaultResolution
        if let problem = SizeLimits.check(side, in: SizeLimits.resolution, field: "--resolution") { throw CLIError(.badInput, problem) }
        let columns = column.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        let matrix = try LatencyMatrix.load(path: measurements, space: searchSpace, columns: columns, minMs: minMs)
        let store = try storeOptions.open()
        let file = (measurements as NSString).lastPathComponent
        var devices: [(id: String, profileJSON: String)] = []
        var records: [ArchMeasurementRecord] = []
        var imported: [Imported] = []
        for (c, name) in matrix.columns.enumerated() {
            let id = prefix + name
            guard DeviceID.isValid(id) else { throw CLIError(.badInput, "device id '\(id)' (column '\(name)') must be \(DeviceID.rule)") }
            if let existing = try store.device(id: id),
               (try? DeviceProfile.decodeStored(existing.profile, id: id))?.source == nil {
                throw CLIError(.badInput, "device '\(id)' is a profiled device in \(store.path); import column '\(name)' under another id (--prefix)")
            }
            let settings = "{\"source\":\"\(file)#\(name)\"}"
            var count = 0
            for (i, value) in matrix.values[c].enumerated() {
                guard let value else { continue }
                records.append(ArchMeasurementRecord(
                    deviceId: id, backend: Self.backend, space: searchSpace.name, resolution: side, arch: matrix.archs[i],
                    stats: LatencyStats(single: value), settings: settings))
                count += 1
            }
            guard count > 0 else { throw CLIError(.badInput, "column '\(name)' of \(measurements) has no latency at or above --min-ms \(minMs)") }
            devices.append((id, try DeviceProfile.imported(id: id, from: "\(file)#\(name)").json()))
            imported.append(Imported(device: id, archs: count, dropped: matrix.archs.count - count))
        }
        try store.importArchMeasurements(devices: devices, records: records)
        if output.json { return try JSONOutput.print(imported) }
        JSONOutput.write(imported.map { "imported \($0.device): \($0.archs) \(space) archs at \(side) px (\($0.dropped) below --min-ms dropped)\n" }.joined())
    }

    struct ImportedProfile: Encodable {
        let device: String
        let source: String
        let replaced: Bool
    }

    /// Imports each profile file: checked (id, plausible figures), marked as measured elsewhere
    /// (so nothing measures it here), and stored; a device profiled on this machine is never replaced.
    func importProfiles() throws {
        let store = try storeOptions.open()
        var done: [ImportedProfile] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else { throw CLIError(.unreadableFile, "cannot read \(file)") }
            var profile: DeviceProfile
            do { profile = try JSONDecoder().decode(DeviceProfile.self, from: data) } catch {
                throw CLIError(.badInput, "\(file) is not a device profile: \(error)")
            }
            guard DeviceID.isValid(profile.id) else { throw CLIError(.badInput, "\(file): device id '\(profile.id)' must be \(DeviceID.rule)") }
            if let problem = profile.implausibleFigure { throw CLIError(.badInput, "\(file): \(problem)") }
            let existing = try store.device(id: profile.id)
            if let existing, (try? DeviceProfile.decodeStored(existing.profile, id: profile.id))?.source == nil {
                throw CLIError(.badInput, "device '\(profile.id)' was profiled on this machine in \(store.path); \(file) does not replace it")
            }
            // A profile of this very machine (same probed id) stays measurable here; any other is
            // marked as measured elsewhere.
            if profile.source == nil, profile.id != DeviceProbe.thisMachineID() {
                profile.source = "profile file \((file as NSString).lastPathComponent)"
            }
            try store.saveDevice(id: profile.id, profileJSON: try profile.json())
            done.append(ImportedProfile(device: profile.id, source: profile.source ?? file, replaced: existing != nil))
        }
        if output.json { return try JSONOutput.print(done) }
        JSONOutput.write(done.map { "imported \($0.device) (\($0.source))\($0.replaced ? ", replacing the imported one stored before" : "")\n" }.joined())
    }
}

import ArgumentParser
import Foundation
import VernierModel
import VernierPredict
import VernierProfiler
import VernierStore

/// `vernier device import`: devices known only through published latencies (a column of a
/// measurements CSV each), stored so that transfer calibration can learn from them.
struct DeviceImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import devices from a measurements CSV (one device per latency column) as references for transfer calibration.")

    @Option(help: "Measurements CSV (header: arch or arch_str, one latency column per device, ms).")
    var measurements: String

    @Option(help: "Search space of the archs.")
    var space: String

    @Option(help: "Columns to import, comma-separated (default: every latency column).")
    var column: String?

    @Option(help: "Prefix of the device ids (the id is prefix + column).")
    var prefix = ""

    @Option(help: "Input resolution the latencies were measured at (default: the space's).")
    var resolution: Int?

    func validate() throws { try ResolutionRule.check(resolution, space: space) }

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
}

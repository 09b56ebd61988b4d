import ArgumentParser
import Foundation
import VernierModel
import VernierProfiler

/// `vernier lut export`: write a space's LUT entries of a device to JSON.
struct LUTExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "Write lut/<device>/<space>.json.")

    @Option(help: "Device id (default: this machine).")
    var device: String?

    @Option(help: "Search space whose layers to export, or `all` for every stored entry.")
    var space: String

    @Option(help: "Backend whose entries to export.")
    var backend = BackendName.native

    @Option(help: "Input resolution of the space's layers (default: the space's).")
    var resolution: Int?

    @Option(help: "Output file (default: lut/<device>/<space>.json).")
    var out: String?

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let store = try storeOptions.open()
        let deviceID = device ?? DeviceProbe.thisMachineID()
        guard try store.device(id: deviceID) != nil else { throw CLIError(.badInput, "unknown device '\(deviceID)'") }
        var keys: Set<String>?
        var missing = 0
        if space != "all" {
            let wanted = Set(try Spaces.named(space).distinctLayers(resolution: resolution).map(\.key))
            keys = wanted
            missing = wanted.subtracting(try store.lutKeys(device: deviceID, backend: backend)).count
        }
        let records = try store.lutEntries(device: deviceID, backend: backend, keys: keys)
        guard !records.isEmpty else {
            throw CLIError(.badInput, "no \(backend) LUT entries for \(space) on \(deviceID); run `vernier profile --space \(space)` first")
        }
        let file = LUTFile(device: deviceID, space: space, backend: backend, records: records)
        let path = out ?? "lut/\(deviceID)/\(space).json"
        do {
            try FileManager.default.createDirectory(at: URL(fileURLWithPath: path).deletingLastPathComponent(),
                                                    withIntermediateDirectories: true)
            try file.json().write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw LUTError(.unwritable, file: path, detail: error.localizedDescription)
        }
        if output.json {
            return try JSONOutput.print(["file": path, "entries": "\(records.count)", "missing": "\(missing)"])
        }
        JSONOutput.write("wrote \(records.count) entries to \(path)" + (missing > 0 ? " (\(missing) layers of \(space) not profiled yet)" : "") + "\n")
    }
}

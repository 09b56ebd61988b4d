import ArgumentParser
import Foundation
import VernierModel
import VernierProfiler

/// `vernier lut import`: load a LUT file into the store for a device (all entries or none).
struct LUTImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import a Vernier LUT JSON or an OFA/ProxylessNAS YAML LUT for a device.")

    @Argument(help: "The LUT file.")
    var file: String

    @Option(help: "Device the entries belong to (default: the file's device; required for ofa-yaml).")
    var device: String?

    @Option(help: "File format: vernier or ofa-yaml.")
    var format = "vernier"

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let lut: LUTFile
        switch format {
        case "vernier":
            lut = try LUTFile.load(path: file)
            if let device, device != lut.device {
                throw LUTError(.foreign, file: file, detail: "it holds device '\(lut.device)', not '\(device)'")
            }
        case "ofa-yaml":
            guard let device else { throw CLIError(.badInput, "--device is required with --format ofa-yaml") }
            lut = try OFAYAMLImporter.load(path: file, device: device)
        default:
            throw CLIError(.badInput, "unknown --format '\(format)'; allowed: vernier, ofa-yaml")
        }
        let store = try storeOptions.open()
        let deviceID = device ?? lut.device
        if try store.device(id: deviceID) == nil {
            // A device known only through imported data (a phone, a board): a minimal profile.
            try store.saveDevice(id: deviceID, profileJSON: try DeviceProfile.imported(id: deviceID, from: file).json())
        }
        try store.replaceLUTEntries(lut.records(device: deviceID))
        if output.json {
            return try JSONOutput.print(["device": deviceID, "backend": lut.backend, "entries": "\(lut.entries.count)"])
        }
        JSONOutput.write("imported \(lut.entries.count) entries for \(deviceID) (backend \(lut.backend)) from \(file)\n")
    }
}

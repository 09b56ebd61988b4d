import ArgumentParser
import VernierKit

/// `vernier device list`: devices in the store; with `--details`, what is stored for each.
struct DeviceListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the devices in the store.")

    @Flag(help: "Also the CPU, where the profile came from, LUT entries per backend and calibration files.")
    var details = false

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let store = try storeOptions.open()
        guard details else {
            let records = try store.devices()
            if output.json { return try JSONOutput.print(records.map(\.id)) }
            return JSONOutput.write(records.map { "\($0.id)\n" }.joined())
        }
        let summaries = try DeviceSummary.all(store: store)
        if output.json { return try JSONOutput.print(summaries) }
        var text = ""
        for device in summaries {
            let luts = device.luts.isEmpty ? "no LUT"
                : device.luts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key) entries" }.joined(separator: ", ")
            let cpu = device.threads > 0 ? "\(device.cpuModel), \(device.threads) threads" : device.cpuModel
            text += "\(device.id)\t\(cpu); \(device.source); \(luts)"
                + (device.calibrations.isEmpty ? "" : "; calibrations: \(device.calibrations.joined(separator: ", "))") + "\n"
        }
        JSONOutput.write(text)
    }
}

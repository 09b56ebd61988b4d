import ArgumentParser

/// `vernier device`: probe and list devices.
struct DeviceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "device", abstract: "Probe this machine, list known devices, or import devices from published latencies.",
        subcommands: [DeviceProbeCommand.self, DeviceListCommand.self, DeviceImportCommand.self])
}

import ArgumentParser

/// `vernier device`: probe and list devices.
struct DeviceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "device", abstract: "Probe this machine or list known devices.",
        subcommands: [DeviceProbeCommand.self, DeviceListCommand.self])
}

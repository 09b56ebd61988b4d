import ArgumentParser

/// `vernier lut`: export and import lookup tables.
struct LUTCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lut", abstract: "Export a device's LUT to JSON, or import one (Vernier JSON or OFA/ProxylessNAS YAML).",
        subcommands: [LUTExportCommand.self, LUTImportCommand.self, LUTCompareCommand.self])
}

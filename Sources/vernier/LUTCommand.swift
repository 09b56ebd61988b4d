import ArgumentParser

/// `vernier lut`: list, export, import and compare lookup tables.
struct LUTCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lut", abstract: "List the stored LUTs, export a device's LUT to JSON, import one (Vernier JSON or OFA/ProxylessNAS YAML), or compare two.",
        subcommands: [LUTListCommand.self, LUTExportCommand.self, LUTImportCommand.self, LUTCompareCommand.self])
}

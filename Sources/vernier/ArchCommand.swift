import ArgumentParser

/// `vernier arch`: work with architectures of a space.
struct ArchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "arch", abstract: "Costs, samples, layer lists of architectures, and which to measure on a new device.",
        subcommands: [ArchStatsCommand.self, ArchSampleCommand.self, ArchLayersCommand.self, ArchExportCommand.self, ArchSuggestCommand.self])
}

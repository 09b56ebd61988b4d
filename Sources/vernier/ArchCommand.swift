import ArgumentParser

/// `vernier arch`: work with architectures of a space.
struct ArchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "arch", abstract: "Costs, samples and layer lists of architectures.",
        subcommands: [ArchStatsCommand.self, ArchSampleCommand.self, ArchLayersCommand.self, ArchExportCommand.self])
}

import ArgumentParser
import Foundation

/// The `vernier` command: profile devices, predict latency, search architectures.
@main
struct Vernier: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vernier",
        abstract: "Profile devices, predict network latency and run latency-budgeted architecture search.",
        version: Vernier.version,
        subcommands: [SpacesCommand.self, ArchCommand.self, DeviceCommand.self, RooflineCommand.self, ProfileCommand.self, LUTCommand.self, MeasureCommand.self, FusionCommand.self, CalibrateCommand.self, TransferStudyCommand.self, PredictCommand.self, EvaluateCommand.self, SearchCommand.self, RunsCommand.self, SurrogateCommand.self, ProxyCommand.self, ServeCommand.self, TokenCommand.self, AgentCommand.self]
    )

    /// The release, printed by `vernier --version`.
    static let version = "0.6.0"

    /// Runs the command line; every failure ends as one `error:` line on stderr and a non-zero exit.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code == .success || error is CleanExit { exit(withError: error) }
            let text = Vernier.message(for: error)
            let line = text.split(separator: "\n").first.map(String.init) ?? text
            FileHandle.standardError.write(Data("error: \(line)\n".utf8))
            Foundation.exit(code == .success ? 1 : code.rawValue)
        }
    }
}

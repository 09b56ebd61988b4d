import ArgumentParser
import Foundation
import VernierModel
import VernierProfiler

/// `vernier arch export`: the spec a runner receives for whole archs (and, node by node, for
/// single layers), so that runner authors can test their runner alone.
struct ArchExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write archs as runner specs: nodes in execution order with layer configs and input edges.")

    @OptionGroup var selection: ArchSelection

    @Option(help: "Output format: layers-json (one JSON object per arch and line, as a runner's `spec`).")
    var format = "layers-json"

    @Option(help: "Write to this file instead of stdout.")
    var out: String?

    @Flag(help: "Accepted for uniformity: the output is JSON lines already.")
    var json = false

    func run() async throws {
        guard format == "layers-json" else {
            throw CLIError(.badInput, "unknown --format '\(format)'; allowed: layers-json")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let lines = try selection.mapArchitectures { architecture in
            String(decoding: try encoder.encode(ArchitectureSpec(architecture)), as: UTF8.self)
        }
        let text = lines.joined(separator: "\n") + "\n"
        if let out { return try FileOutput.write(Data(text.utf8), to: out) }
        JSONOutput.write(text)
    }
}

import ArgumentParser
import Foundation
import VernierModel

/// `vernier spaces`: the search spaces and their encodings.
struct SpacesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spaces", abstract: "List the search spaces, their decisions and named architectures.")

    @OptionGroup var output: OutputOptions

    struct Entry: Encodable {
        let name: String
        let summary: String
        let decisions: Int
        let size: Double
        let defaultResolution: Int
        let named: [String]
        let example: String

        enum CodingKeys: String, CodingKey {
            case name, summary, decisions, size, named, example
            case defaultResolution = "default_resolution"
        }
    }

    func run() async throws {
        let entries = Spaces.all.map { space in
            Entry(name: space.name, summary: space.summary, decisions: space.decisions.count, size: space.size,
                  defaultResolution: space.defaultResolution, named: space.namedArchitectures.map(\.name),
                  example: space.format(space.sample(count: 1, seed: 0)[0]))
        }
        if output.json { return try JSONOutput.print(entries) }
        var text = ""
        for entry in entries {
            text += "\(entry.name)\n  \(entry.summary)\n  \(entry.decisions) decisions, \(String(format: "%.3g", entry.size)) archs, default resolution \(entry.defaultResolution)\n"
            if !entry.named.isEmpty { text += "  named: \(entry.named.joined(separator: ", "))\n" }
            text += "  example: \(entry.example)\n"
        }
        text += "custom\n  a JSON list of layers (see examples/mobilenet_v2.json); --arch takes the file path\n"
        JSONOutput.write(text)
    }
}

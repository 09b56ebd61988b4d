import ArgumentParser
import Foundation
import VernierModel

/// `vernier arch layers`: the distinct layer configs of a space (what a LUT must cover).
struct ArchLayersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "layers", abstract: "List the distinct layer configs a space can produce, with keys and costs.")

    @Option(help: "Search space: nb201, fbnet, mnasnet or ofa-mbv3.")
    var space: String

    @Option(help: "Input resolution (default: the space's; ofa-mbv3 covers all of its resolutions).")
    var resolution: Int?

    func validate() throws { try ResolutionRule.check(resolution, space: space) }

    @OptionGroup var output: OutputOptions

    struct Row: Encodable {
        let key: String
        let op: String
        let macs: Int
        let params: Int
        let activationBytes: Int
        let weightBytes: Int

        enum CodingKeys: String, CodingKey {
            case key, op, macs, params
            case activationBytes = "activation_bytes"
            case weightBytes = "weight_bytes"
        }
    }

    func run() async throws {
        let searchSpace = try Spaces.named(space)
        let rows = searchSpace.distinctLayers(resolution: resolution).map { layer in
            let cost = layer.cost
            return Row(key: layer.key, op: layer.op.rawValue, macs: cost.macs, params: cost.params,
                       activationBytes: cost.activationBytes, weightBytes: cost.weightBytes)
        }
        if output.json { return try JSONOutput.print(rows) }
        var text = ""
        for row in rows { text += String(format: "%10.3f M MACs %10d params  %@\n", Double(row.macs) / 1e6, row.params, row.key) }
        text += "\(rows.count) distinct layers in \(space)\n"
        JSONOutput.write(text)
    }
}

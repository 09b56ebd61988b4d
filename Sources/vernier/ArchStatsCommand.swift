import ArgumentParser
import Foundation
import VernierModel

/// `vernier arch stats`: MACs, params and bytes of architectures.
struct ArchStatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats", abstract: "MACs, params, activation and weight bytes, and peak activation memory of each architecture.")

    @OptionGroup var selection: ArchSelection
    @OptionGroup var output: TableOutputOptions

    struct Row: Encodable {
        let arch: String
        let macs: Int
        let params: Int
        let activationBytes: Int
        let weightBytes: Int
        let peakActivationBytes: Int

        enum CodingKeys: String, CodingKey {
            case arch, macs, params
            case activationBytes = "activation_bytes"
            case weightBytes = "weight_bytes"
            case peakActivationBytes = "peak_activation_bytes"
        }
    }

    func run() async throws {
        let rows = try selection.mapArchitectures { architecture in
            let cost = architecture.cost
            return Row(arch: architecture.text, macs: cost.macs, params: cost.params,
                       activationBytes: cost.activationBytes, weightBytes: cost.weightBytes,
                       peakActivationBytes: architecture.peakActivationBytes)
        }
        switch output.format {
        case .json: return try JSONOutput.print(rows)
        case .csv:
            // The JSON keys, unscaled: counts and bytes as whole numbers.
            let header = ["arch", "macs", "params", "activation_bytes", "weight_bytes", "peak_activation_bytes"]
            return CSVOutput.print(header: header, rows: rows.map { row -> [String] in
                [row.arch, CSVOutput.number(row.macs), CSVOutput.number(row.params), CSVOutput.number(row.activationBytes),
                 CSVOutput.number(row.weightBytes), CSVOutput.number(row.peakActivationBytes)]
            })
        case .text: break
        }
        var text = ["MACs (M)", "params (M)", "act (MB)", "weights (MB)", "peak act (MB)"].map { String(repeating: " ", count: max(0, 13 - $0.count)) + $0 }
            .joined(separator: " ") + "  arch\n"
        for row in rows {
            text += String(format: "%13.3f %13.6f %13.3f %13.3f %13.3f  %@\n", Double(row.macs) / 1e6, Double(row.params) / 1e6,
                           Double(row.activationBytes) / 1e6, Double(row.weightBytes) / 1e6, Double(row.peakActivationBytes) / 1e6, row.arch)
        }
        JSONOutput.write(text)
    }
}

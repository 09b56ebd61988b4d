import ArgumentParser
import Foundation
import VernierModel

/// `vernier arch stats`: MACs, params and bytes of architectures.
struct ArchStatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats", abstract: "MACs, params, activation and weight bytes, and peak activation memory of each architecture.")

    @OptionGroup var selection: ArchSelection
    @OptionGroup var output: OutputOptions

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
        if output.json { return try JSONOutput.print(rows) }
        var text = ["MACs (M)", "params (M)", "act (MB)", "weights (MB)", "peak act (MB)"].map { String(repeating: " ", count: max(0, 13 - $0.count)) + $0 }
            .joined(separator: " ") + "  arch\n"
        for row in rows {
            text += String(format: "%13.3f %13.6f %13.3f %13.3f %13.3f  %@\n", Double(row.macs) / 1e6, Double(row.params) / 1e6,
                           Double(row.activationBytes) / 1e6, Double(row.weightBytes) / 1e6, Double(row.peakActivationBytes) / 1e6, row.arch)
        }
        JSONOutput.write(text)
    }
}

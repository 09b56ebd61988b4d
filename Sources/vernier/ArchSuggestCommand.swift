import ArgumentParser
import Foundation
import VernierKit
import VernierModel
import VernierPredict

/// `vernier arch suggest`: which archs to measure on a new device for a transfer calibration.
struct ArchSuggestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suggest",
        abstract: "Pick N archs to measure on a new device: spread along the reference devices' main latency axis (for calibrate --transfer).")

    @Option(help: "Search space.")
    var space: String

    @Option(help: "How many archs.")
    var count = 10

    @Option(help: "Reference devices in the store: 'all', or DEV[/BACKEND] and lut:DEV[/BACKEND], comma-separated.")
    var transfer = "all"

    @Option(help: "Device the archs are for (left out of the references).")
    var device: String?

    @Option(help: "Seed of the pick within each stratum.")
    var seed: UInt64 = 1

    @Option(help: "Input resolution (default: the space's).")
    var resolution: Int?

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        try ResolutionRule.check(resolution, space: space)
        if count < TransferFit.minimumRows || count > 100_000 {
            throw ValidationError("--count must be from \(TransferFit.minimumRows) to 100000")
        }
    }

    func run() throws {
        let searchSpace = try Spaces.named(space)
        let side = resolution ?? searchSpace.defaultResolution
        let store = try storeOptions.open()
        let references = try TransferReferences.load(transfer, space: searchSpace, resolution: side, excluding: device ?? "",
                                                    from: StoreReferenceLatencies(store: store))
        // Archs every measured reference has; with LUT-sum references only, a sample of the space.
        let tables = references.filter { !$0.latencies.isEmpty }
        var archs: [String]
        if let first = tables.first {
            var pool = Set(first.latencies.keys)
            for reference in tables.dropFirst() { pool.formIntersection(reference.latencies.keys) }
            archs = pool.sorted()
        } else {
            archs = searchSpace.sampleDistinct(count: 5000, seed: seed).map(searchSpace.format)
        }
        guard archs.count >= count else {
            throw CLIError(.badInput, "only \(archs.count) archs have latencies on every reference (\(references.map(\.id).joined(separator: ", "))); ask for fewer or name fewer references")
        }
        let referenceMs = try archs.map { arch in
            let encoding = try searchSpace.parse(arch)
            return references.map { $0.latency(arch: arch, encoding: encoding)! }
        }
        let picked = try ArchSuggestion.pick(count: count, referenceMs: referenceMs, seed: seed).map { archs[$0] }
        if output.json { return try JSONOutput.print(picked) }
        JSONOutput.write(picked.map { $0 + "\n" }.joined())
    }
}

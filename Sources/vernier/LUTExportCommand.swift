import ArgumentParser
import Foundation
import VernierKit
import VernierModel
import VernierProfiler

/// `vernier lut export`: write a space's LUT entries of a device to JSON; with `--csv`, also print
/// them on stdout as CSV, one row per entry.
struct LUTExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "Write lut/<device>/<space>.json.")

    @Option(help: "Device id (default: this machine).")
    var device: String?

    @Option(help: "Search space whose layers to export, or `all` for every stored entry.")
    var space: String

    @Option(help: "Backend whose entries to export.")
    var backend = BackendName.native

    @Option(help: "Input resolution of the space's layers (default: the space's).")
    var resolution: Int?

    func validate() throws { try ResolutionRule.check(resolution, space: space) }

    @Option(help: "Output file (default: lut/<device>/<space>.json).")
    var out: String?

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: TableOutputOptions

    func run() async throws {
        let deviceID = device ?? DeviceProbe.thisMachineID()
        let lut = try SpaceLUT(store: try storeOptions.open(), device: deviceID, backend: backend, space: space, resolution: resolution)
        let (file, missing, count) = (lut.file, lut.missing, lut.file.entries.count)
        let path = out ?? "lut/\(deviceID)/\(space).json"
        do {
            try FileManager.default.createDirectory(at: URL(fileURLWithPath: path).deletingLastPathComponent(),
                                                    withIntermediateDirectories: true)
            try file.json().write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw LUTError(.unwritable, file: path, detail: error.localizedDescription)
        }
        let summary = "wrote \(count) entries to \(path)" + (missing > 0 ? " (\(missing) layers of \(space) not profiled yet)" : "") + "\n"
        switch output.format {
        case .json:
            try JSONOutput.print(["file": path, "entries": "\(count)", "missing": "\(missing)"])
        case .csv:
            // The entries on stdout (the LUT file's fields but the counters, in key order); the summary on stderr.
            let header = ["key", "op", "median_ms", "mad_ms", "mean_ms", "std_ms", "cv", "repetitions", "inner_iterations", "source"]
            CSVOutput.print(header: header, rows: file.entries.sorted { $0.key < $1.key }.map { item -> [String] in
                let stats = item.value.stats
                return [item.key, item.value.op, CSVOutput.number(stats.medianMs), CSVOutput.number(stats.madMs),
                        CSVOutput.number(stats.meanMs), CSVOutput.number(stats.stdMs), CSVOutput.number(stats.cv),
                        CSVOutput.number(stats.repetitions), CSVOutput.number(stats.innerIterations), item.value.source]
            })
            FileHandle.standardError.write(Data(summary.utf8))
        case .text:
            JSONOutput.write(summary)
        }
    }
}

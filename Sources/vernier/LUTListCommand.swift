import ArgumentParser
import Foundation
import VernierKit
import VernierModel

/// `vernier lut list`: the LUTs in the store, per device, backend, space and resolution, with
/// their entries, the backend's time bases and when its entries last changed.
struct LUTListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the LUTs in the store: device, backend, space, resolution(s), entries, time base, last updated.",
        discussion: """
            A space's LUT at resolution R is found by its first layer (the one reading the R×R image); \
            entries in no LUT found are listed under space 'other'. 'entries' counts the space's distinct \
            layers with an entry, of 'layers'; the time base and 'updated' are the backend's.
            """)

    @Option(help: "Only the LUTs of this device.")
    var device: String?

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let store = try storeOptions.open()
        let luts = try StoredLUT.all(store: store, device: device)
        if output.json { return try JSONOutput.print(luts) }
        guard !luts.isEmpty else {
            let whose = device.map { "for device \($0) " } ?? ""
            return JSONOutput.write("no LUTs are stored \(whose)in \(store.path); make one with `vernier profile --space <space>`"
                                    + " (or load a LUT file with `vernier lut import FILE`)\n")
        }
        var table = TextTable(header: ["device", "backend", "space", "resolution", "entries", "layers", "time base", "updated"],
                              rightAligned: [4, 5])
        for lut in luts {
            let layers: String = lut.layers.map { "\($0)" } ?? "-"
            let updated = StoredLUT.timestamp(lut.lastMeasuredAt)
            table.append([lut.device, lut.backend, lut.space, Self.resolutions(lut.resolutions), "\(lut.entries)", layers,
                          Self.timeBases(lut), updated])
        }
        JSONOutput.write(table.text)
    }

    /// `224`; `160,224`; `128–224 (25)` for many; `-` for none.
    static func resolutions(_ values: [Int]) -> String {
        guard let first = values.first, let last = values.last else { return "-" }
        if values.count <= 3 { return values.map(String.init).joined(separator: ",") }
        return "\(first)–\(last) (\(values.count))"
    }

    /// The reference layer's latency per thread count, e.g. `0.0412 ms @ 2 threads`, or `none`.
    static func timeBases(_ lut: StoredLUT) -> String {
        guard !lut.timeBases.isEmpty else { return "none" }
        return lut.timeBases.sorted { $0.threads < $1.threads }
            .map { base -> String in
                let plural = base.threads == 1 ? "" : "s"
                return String(format: "%.4g ms", base.referenceMs) + " @ \(base.threads) thread\(plural)"
            }
            .joined(separator: ", ")
    }
}

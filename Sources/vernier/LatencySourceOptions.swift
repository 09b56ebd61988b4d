import ArgumentParser
import VernierKit
import VernierModel
import VernierPredict
import VernierProfiler
import VernierSearch
import VernierStore

/// `--latency lut|calibrated:F|table:CSV#COL` and the `--device`, `--backend`, `--lut` it reads.
struct LatencySourceOptions: ParsableArguments {
    @Option(help: "Latency source: lut (the device's stored LUT, or --lut FILE), calibrated:FILE, or table:CSV#COLUMN.")
    var latency = "lut"

    @Option(help: "Device whose LUT to use (default: this machine).")
    var device: String?

    @Option(help: "Backend whose LUT to use.")
    var backend = BackendName.native

    @Option(help: "A LUT file (lut/<device>/<space>.json) instead of the device's stored LUT.")
    var lut: String?

    func validate() throws {
        do { _ = try LatencySpec(parsing: latency) } catch { throw ValidationError(error.message) }
    }

    /// Builds the source for `space` at `resolution`.
    func make(space: any SearchSpace, resolution: Int, store: Store) throws -> any LatencySource {
        try LatencySpec(parsing: latency).source(space: space, resolution: resolution, device: device,
                                                 lut: LUTSource(file: lut, device: device, backend: backend), store: store)
    }
}

import ArgumentParser
import Foundation
import VernierKit
import VernierModel
import VernierProfiler
import VernierStore

/// `vernier roofline`: measure compute peaks and bandwidths, store them in the device profile;
/// with `--plot`, draw the device's roofline with a space's layers placed on it (from the stored
/// roofline when the device has one).
struct RooflineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roofline",
        abstract: "Measure peak GFLOP/s (1 core, all cores, sgemm), bandwidth per cache level and the ridge point; --plot draws it.")

    @Option(help: "Device id (default: this machine).")
    var device: String?

    @Option(help: "Threads for the all-core numbers (default: all logical CPUs).")
    var threads: Int?

    @Option(help: "Directory for the updated profile JSON.")
    var out = DeviceRegistry.directory

    @Option(help: "Write an SVG of the roofline (log-log: ceilings per memory level, the space's layers placed by their LUT time) to FILE. Uses the device's stored roofline when it has one, without measuring.")
    var plot: String?

    @Flag(help: "With --plot: measure again even when the device has a stored roofline.")
    var measure = false

    @Option(help: "With --plot: the space whose distinct layers are placed.")
    var space = "fbnet"

    @Option(help: "With --plot: backend of the stored LUT that times the layers.")
    var backend = BackendName.native

    @Option(help: "With --plot: a LUT file (lut/<device>/<space>.json) instead of the device's stored LUT.")
    var lut: String?

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if plot == nil && (measure || lut != nil) { throw ValidationError("--measure and --lut go with --plot") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    }

    func run() async throws {
        let store = try storeOptions.open()
        let searchSpace = try plot.map { _ in try Spaces.named(space) }
        var profile: DeviceProfile
        let roofline: Roofline
        if plot != nil, !measure, let stored = try storedRoofline(store: store) {
            profile = stored.profile
            roofline = stored.roofline
        } else {
            profile = try DeviceRegistry.localProfile(id: device, store: store, directory: out)
            roofline = RooflineMeasurer.measure(profile: profile, threads: threads ?? profile.threads)
            profile.roofline = roofline
            try DeviceRegistry.save(profile, store: store, directory: out)
        }
        var note = ""
        if let plot, let searchSpace {
            let source = LUTSource(file: lut, device: profile.id, backend: backend)
            let table: [String: Double]
            do { table = try source.table(store: store) } catch let error as UseCaseError where error.kind == .notFound && lut == nil {
                table = [:]
            }
            let placed = RooflineLayerPoint.layers(of: searchSpace, resolution: nil, lut: table)
            let svg = RooflinePlot(title: "Roofline of \(profile.id): \(searchSpace.name) layers (\(source))", roofline: roofline,
                                   layers: placed.points, missing: placed.missing, unplaceable: placed.unplaceable).svg()
            try FileOutput.write(Data(svg.utf8), to: plot)
            note = "plot: \(placed.points.count) \(searchSpace.name) layers placed (\(placed.missing) without a LUT entry, \(placed.unplaceable) without FLOPs or time) → \(plot)\n"
        }
        if output.json { return try JSONOutput.print(roofline, pretty: true) }
        var text = String(format: "peak FMA: %.1f GFLOP/s on 1 core, %.1f GFLOP/s on %d threads\n",
                          roofline.peakGflopsOneCore, roofline.peakGflopsAllCores, roofline.threads)
        if let theoretical = roofline.theoreticalGflopsOneCore, let efficiency = roofline.peakEfficiency {
            text += String(format: "theoretical 1-core peak %.1f GFLOP/s: measured/theoretical = %.2f\n", theoretical, efficiency)
        }
        text += String(format: "sgemm %@: %.1f GFLOP/s\n", roofline.sgemmShape, roofline.sgemmGflops)
        for level in ["L1", "L2", "L3", "DRAM", "DRAM all threads"] {
            if let bw = roofline.bandwidthGBs[level] { text += String(format: "bandwidth %@: %.1f GB/s\n", level, bw) }
        }
        text += String(format: "ridge point: %.1f FLOP/byte\n", roofline.ridgeFlopsPerByte)
        JSONOutput.write(text + note)
    }

    /// The device's profile and its stored roofline, if it has one; a device that is not this
    /// machine and has none is an error (it cannot be measured here).
    private func storedRoofline(store: Store) throws -> (profile: DeviceProfile, roofline: Roofline)? {
        let profile = try DeviceRegistry.profile(id: device, store: store, directory: out)
        if let roofline = profile.roofline { return (profile: profile, roofline: roofline) }
        if let source = profile.source {
            throw CLIError(.badInput, "device \(profile.id) has no stored roofline and is not this machine (\(source)); run `vernier roofline` on it")
        }
        return nil
    }
}

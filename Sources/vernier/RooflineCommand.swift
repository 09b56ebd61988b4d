import ArgumentParser
import Foundation
import VernierKit
import VernierProfiler

/// `vernier roofline`: measure compute peaks and bandwidths, store them in the device profile.
struct RooflineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roofline",
        abstract: "Measure peak GFLOP/s (1 core, all cores, sgemm), bandwidth per cache level and the ridge point.")

    @Option(help: "Device id (default: this machine).")
    var device: String?

    @Option(help: "Threads for the all-core numbers (default: all logical CPUs).")
    var threads: Int?

    @Option(help: "Directory for the updated profile JSON.")
    var out = DeviceRegistry.directory

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let store = try storeOptions.open()
        var profile = try DeviceRegistry.localProfile(id: device, store: store, directory: out)
        let roofline = RooflineMeasurer.measure(profile: profile, threads: threads ?? profile.threads)
        profile.roofline = roofline
        try DeviceRegistry.save(profile, store: store, directory: out)
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
        JSONOutput.write(text)
    }
}

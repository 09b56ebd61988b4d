import ArgumentParser
import VernierKit
import VernierModel
import Foundation
import VernierProfiler

/// `vernier device probe`: read this machine into a device profile.
struct DeviceProbeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "probe",
        abstract: "Probe CPU, caches, memory, OS and available counters; store the profile and write device-profiles/<id>.json.")

    @Option(help: "Device id (default: derived from the CPU model and machine id).")
    var id: String?

    @Option(help: "Directory for the profile JSON.")
    var out = DeviceRegistry.directory

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let store = try storeOptions.open()
        if let id, !DeviceID.isValid(id) { throw CLIError(.badInput, "--id '\(id)' must be \(DeviceID.rule)") }
        var profile = DeviceProbe.probe(id: id)
        // Keep an earlier roofline of the same device.
        if let old = try store.device(id: profile.id), let previous = try? DeviceProfile.decode(old.profile) {
            profile.roofline = previous.roofline
            profile.measurementSettings = previous.measurementSettings
        }
        try DeviceRegistry.save(profile, store: store, directory: out)
        if output.json { return JSONOutput.write(try profile.json() + "\n") }
        var text = "device \(profile.id)\n  cpu \(profile.cpuModel) (\(profile.architecture)), \(profile.cores) cores / \(profile.threads) threads"
        if let clock = profile.clockMHz { text += String(format: ", %.0f MHz", clock) }
        text += "\n  isa \(profile.isaFlags.joined(separator: " "))\n"
        for cache in profile.caches { text += "  L\(cache.level) \(cache.type) \(cache.sizeBytes / 1024) KiB (shared by \(cache.sharedBy))\n" }
        text += "  memory \(profile.memoryBytes >> 20) MiB, \(profile.os), kernel \(profile.kernel)\(profile.virtualized ? ", virtualized" : "")\n"
        for counter in profile.counters {
            text += "  counter \(counter.name): " + (counter.available ? "available" : "unavailable — \(counter.reason ?? "?")") + "\n"
        }
        text += "  written to \(out)/\(profile.id).json\n"
        JSONOutput.write(text)
    }
}

import Foundation
import VernierModel
import VernierPredict
import VernierStore

/// The reference devices of `--transfer`: devices in the store with end-to-end latencies of the
/// space at the resolution (measured here, or imported with `vernier device import`).
enum TransferReferences {
    /// Loads `spec` (`all`, or `DEV[/BACKEND],…`); without a backend a device's backend with the
    /// most archs is used.
    /// - Throws: ``CLIError`` naming a device without latencies for the space, or when none is left.
    static func load(_ spec: String, space: any SearchSpace, resolution: Int, excluding target: String, store: Store) throws -> [ReferenceDevice] {
        let sets = try store.archMeasurementSets(space: space.name, resolution: resolution)
        var best: [String: (backend: String, count: Int)] = [:]
        for set in sets where set.count > (best[set.device]?.count ?? 0) { best[set.device] = (set.backend, set.count) }
        var chosen: [(device: String, backend: String)] = []
        if spec == "all" {
            chosen = best.keys.sorted().filter { $0 != target }.map { ($0, best[$0]!.backend) }
            guard !chosen.isEmpty else {
                throw CLIError(.badInput, "no device in \(store.path) besides \(target) has \(space.name) latencies at \(resolution) px; import some with `vernier device import --measurements CSV --space \(space.name)`")
            }
        } else {
            for item in spec.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
                let parts = item.split(separator: "/", maxSplits: 1).map(String.init)
                guard let device = parts.first, !device.isEmpty else { throw CLIError(.badInput, "--transfer has an empty device name") }
                guard device != target else { throw CLIError(.badInput, "--transfer names the target device \(target) itself") }
                let backend = parts.count > 1 ? parts[1] : best[device]?.backend
                guard let backend, sets.contains(where: { $0.device == device && $0.backend == backend }) else {
                    throw CLIError(.badInput, "reference device '\(device)' has no \(space.name) latencies at \(resolution) px\(parts.count > 1 ? " for backend \(parts[1])" : "") in \(store.path); devices with them: \(best.keys.sorted().joined(separator: ", "))")
                }
                chosen.append((device, backend))
            }
        }
        return try chosen.map { device, backend in
            let records = try store.archMeasurements(device: device, backend: backend, space: space.name, resolution: resolution)
            return try ReferenceDevice(id: device, source: "\(device)/\(backend)",
                                       latencies: Dictionary(records.map { ($0.arch, $0.medianMs) }, uniquingKeysWith: { a, _ in a }))
        }
    }
}

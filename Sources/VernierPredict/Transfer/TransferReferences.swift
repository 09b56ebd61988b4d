import VernierModel

/// The reference devices a transfer spec names: `all` (every device with latencies of the space
/// at the resolution, but the target), or `DEV[/BACKEND],…`. Without a backend, a device's
/// backend with the most archs is used.
public enum TransferReferences {
    /// Loads the references of `spec` from `source`.
    /// - Throws: ``PredictError`` (`missingInput`) naming a device without latencies for the space
    ///   (with the devices that have them), the target named as its own reference, or none left.
    public static func load(_ spec: String, space: any SearchSpace, resolution: Int, excluding target: String,
                            from source: any ReferenceLatencySource) throws -> [ReferenceDevice] {
        let sets = try source.latencySets(space: space.name, resolution: resolution)
        var best: [String: (backend: String, count: Int)] = [:]
        for set in sets where set.count > (best[set.device]?.count ?? 0) { best[set.device] = (set.backend, set.count) }
        var chosen: [(device: String, backend: String)] = []
        if spec == "all" {
            chosen = best.keys.sorted().filter { $0 != target }.map { ($0, best[$0]!.backend) }
            guard !chosen.isEmpty else {
                throw PredictError(.missingInput, "no device in \(source.location) besides \(target) has \(space.name) latencies at \(resolution) px; import some with `vernier device import --measurements CSV --space \(space.name)`")
            }
        } else {
            let items = spec.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            guard !items.isEmpty else { throw PredictError(.missingInput, "the transfer references are empty; give 'all' or device ids") }
            for item in items {
                let parts = item.split(separator: "/", maxSplits: 1).map(String.init)
                guard let device = parts.first, !device.isEmpty else {
                    throw PredictError(.missingInput, "the transfer references name an empty device")
                }
                guard device != target else {
                    throw PredictError(.missingInput, "the transfer references name the target device \(target) itself")
                }
                let backend = parts.count > 1 ? parts[1] : best[device]?.backend
                guard let backend, sets.contains(where: { $0.device == device && $0.backend == backend }) else {
                    throw PredictError(.missingInput, "reference device '\(device)' has no \(space.name) latencies at \(resolution) px\(parts.count > 1 ? " for backend \(parts[1])" : "") in \(source.location); devices with them: \(best.keys.sorted().joined(separator: ", "))")
                }
                chosen.append((device, backend))
            }
        }
        return try chosen.map { device, backend in
            try ReferenceDevice(id: device, source: "\(device)/\(backend)",
                                latencies: source.latencies(device: device, backend: backend, space: space.name, resolution: resolution))
        }
    }
}

import VernierModel

/// The reference devices a transfer spec names: `all` (every device with latencies of the space
/// at the resolution, but the target, and every profiled device without them whose LUT covers
/// the space), or `DEV[/BACKEND],…` (end-to-end latencies; without a backend, the device's
/// backend with the most archs) and `lut:DEV[/BACKEND]` (the device's LUT sum, default backend
/// `native`; additive spaces only).
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
        var lutReferences: [ReferenceDevice] = []
        if spec == "all" {
            chosen = best.keys.sorted().filter { $0 != target }.map { ($0, best[$0]!.backend) }
            for (device, backend) in try source.lutSets() where device != target && best[device] == nil
                && !lutReferences.contains(where: { $0.id == device }) {
                if let reference = ReferenceDevice(id: device, source: "lut:\(device)/\(backend)",
                                                   lut: try source.lut(device: device, backend: backend), space: space, resolution: resolution) {
                    lutReferences.append(reference)
                }
            }
            guard !chosen.isEmpty || !lutReferences.isEmpty else {
                throw PredictError(.missingInput, "no device in \(source.location) besides \(target) has \(space.name) latencies at \(resolution) px; import some with `vernier device import --measurements CSV --space \(space.name)`")
            }
        } else {
            let items = spec.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            guard !items.isEmpty else { throw PredictError(.missingInput, "the transfer references are empty; give 'all' or device ids") }
            for item in items {
                if item.hasPrefix("lut:") {
                    lutReferences.append(try lutReference(String(item.dropFirst(4)), space: space, resolution: resolution, target: target,
                                                          from: source))
                    continue
                }
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
        } + lutReferences
    }

    /// `DEV[/BACKEND]`'s LUT sum as a reference.
    static func lutReference(_ item: String, space: any SearchSpace, resolution: Int, target: String,
                             from source: any ReferenceLatencySource) throws -> ReferenceDevice {
        let parts = item.split(separator: "/", maxSplits: 1).map(String.init)
        guard let device = parts.first, !device.isEmpty, device != target else {
            throw PredictError(.missingInput, "'lut:\(item)' does not name a reference device other than the target")
        }
        let backend = parts.count > 1 ? parts[1] : BackendName.native
        let lut = try source.lut(device: device, backend: backend)
        guard !lut.isEmpty else {
            throw PredictError(.missingInput, "reference device '\(device)' has no \(backend) LUT in \(source.location); profile it with `vernier profile --space \(space.name)`")
        }
        guard let reference = ReferenceDevice(id: device, source: "lut:\(device)/\(backend)", lut: lut, space: space, resolution: resolution) else {
            throw PredictError(.missingInput, "the \(backend) LUT of reference device '\(device)' cannot serve \(space.name) at \(resolution) px: it lacks a layer of the space, or the space is not additive over its decisions (only FBNet-like spaces are)")
        }
        return reference
    }
}

import VernierPredict
import VernierStore

/// The store as the source of transfer calibration's reference latencies (end-to-end
/// measurements, measured here or imported), for the CLI and the service.
public struct StoreReferenceLatencies: ReferenceLatencySource {
    /// The store.
    public let store: Store

    /// How errors name the store.
    public let location: String

    /// Adapts `store`; errors name it `location` (default: its path).
    public init(store: Store, location: String? = nil) {
        self.store = store
        self.location = location ?? store.path
    }

    public func latencySets(space: String, resolution: Int) throws -> [(device: String, backend: String, count: Int)] {
        try store.archMeasurementSets(space: space, resolution: resolution)
    }

    public func latencies(device: String, backend: String, space: String, resolution: Int) throws -> [String: Double] {
        let records = try store.archMeasurements(device: device, backend: backend, space: space, resolution: resolution)
        return Dictionary(records.map { ($0.arch, $0.stats.medianMs) }, uniquingKeysWith: { first, _ in first })
    }

    public func lutSets() throws -> [(device: String, backend: String)] {
        try store.devices().flatMap { device in try store.lutBackends(device: device.id).map { (device.id, $0) } }
    }

    public func lut(device: String, backend: String) throws -> [String: Double] {
        try store.lutTable(device: device, backend: backend)
    }
}

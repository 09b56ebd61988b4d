/// Where transfer calibration finds reference devices' latencies: the store, adapted by the
/// front-ends (this library does not depend on the store).
public protocol ReferenceLatencySource {
    /// Where the latencies live, for error messages (a database path).
    var location: String { get }
    /// Which devices and backends have latencies of `space` at `resolution`, and how many archs.
    func latencySets(space: String, resolution: Int) throws -> [(device: String, backend: String, count: Int)]
    /// A device's latencies on one backend: canonical arch → ms.
    func latencies(device: String, backend: String, space: String, resolution: Int) throws -> [String: Double]
    /// Which devices and backends have LUT entries (profiled devices).
    func lutSets() throws -> [(device: String, backend: String)]
    /// A device's LUT on one backend: layer key → ms.
    func lut(device: String, backend: String) throws -> [String: Double]
}

import VernierModel

/// Something that can time layers on a device: the native kernels, or an external runner
/// speaking the JSON-lines protocol. The LUT builder only sees this interface.
public protocol Backend: Sendable {
    /// Name stored with every entry (`native`, `runner:<cmd>`).
    var name: String { get }
    /// Times one layer config with `harness`, reading `counters` if given.
    func measure(layer: LayerConfig, harness: Harness, counters: CounterGroup?) throws -> Measurement
}

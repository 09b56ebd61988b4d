import VernierModel

/// Something that can time layers and whole architectures on a device: the native kernels, or an
/// external runner speaking the JSON-lines protocol. The LUT builder and the end-to-end measurer
/// only see this interface.
public protocol Backend: Sendable {
    /// Name stored with every entry (`native`, `runner:<cmd>`).
    var name: String { get }
    /// Times one layer config with `harness`, reading `counters` if given.
    func measure(layer: LayerConfig, harness: Harness, counters: CounterGroup?) throws -> Measurement
    /// Times one forward pass of a whole architecture with `harness`.
    func measure(architecture: Architecture, harness: Harness, counters: CounterGroup?) throws -> Measurement
    /// Times `architecture` interleaved with `reference` (``Harness/measureRelative(_:reference:)``):
    /// the ratio statistics and the reference's median ms over the same samples.
    func measure(architecture: Architecture, relativeTo reference: Architecture, harness: Harness) throws -> (ratio: Measurement, referenceMs: Double)
    /// Prepares the calling thread for measuring (the native backend pins it to CPU 0, as it pins
    /// the thread that creates it); called by code that measures on a thread of its own.
    func prepareMeasuringThread()
}

extension Backend {
    /// Nothing to prepare (runners measure in their own process).
    public func prepareMeasuringThread() {}
}

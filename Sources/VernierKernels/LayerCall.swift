import VernierModel

/// One native layer with its inputs and output allocated once (and touched, so that pages are
/// mapped), ready to be called repeatedly by the harness.
public final class LayerCall {
    private let native: NativeLayer
    private let inputs: [FloatBuffer]
    private let output: FloatBuffer
    private let pointers: [UnsafePointer<Float>]

    /// Allocates buffers for `layer` (seeded, so every run sees the same data).
    public init(_ layer: LayerConfig) {
        native = NativeLayer(layer)
        inputs = (0..<max(1, layer.inputs)).map { FloatBuffer(count: layer.input.elements, seed: 100 + UInt64($0)) }
        output = FloatBuffer(count: layer.output.elements)
        pointers = inputs.map { UnsafePointer($0.pointer) }
    }

    /// Runs the layer once.
    public func run() { native.run(inputs: pointers, output: output.pointer) }
}

import VernierModel

/// A whole architecture ready to run on the native kernels: one ``NativeLayer`` per node and one
/// output buffer per node, wired by the graph's edges, allocated once. ``run()`` is one forward
/// pass (batch 1), layer after layer in execution order, as a simple inference runtime does.
public final class ArchitectureRunner: @unchecked Sendable {
    /// The architecture.
    public let architecture: Architecture
    private let layers: [NativeLayer]
    private let input: FloatBuffer
    private let outputs: [FloatBuffer]
    private let inputPointers: [[UnsafePointer<Float>]]

    /// Allocates weights and activations for every node.
    public init(_ architecture: Architecture) {
        self.architecture = architecture
        input = FloatBuffer(count: architecture.input.elements, seed: 99)
        layers = architecture.nodes.enumerated().map { NativeLayer($1.layer, seed: UInt64($0) * 16 + 1) }
        let outputs = architecture.nodes.map { FloatBuffer(count: max(1, $0.layer.output.elements)) }
        self.outputs = outputs
        let input = self.input
        inputPointers = architecture.nodes.map { node in
            node.inputs.map { $0 == Node.networkInput ? UnsafePointer(input.pointer) : UnsafePointer(outputs[$0].pointer) }
        }
    }

    /// One forward pass.
    public func run() {
        for i in layers.indices { layers[i].run(inputs: inputPointers[i], output: outputs[i].pointer) }
    }

    /// The network output of the last pass.
    public var output: UnsafeBufferPointer<Float> {
        UnsafeBufferPointer(start: outputs.last?.pointer ?? input.pointer, count: architecture.output.elements)
    }
}

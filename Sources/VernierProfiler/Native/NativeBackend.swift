import CKernels
import VernierModel

/// Times layers on Vernier's own C kernels (im2col + OpenBLAS sgemm, direct depthwise, …).
public struct NativeBackend: Backend {
    /// Worker threads (OpenBLAS and the kernel pool).
    public let threads: Int

    /// Whether the measuring thread could be pinned to CPU 0.
    public let pinned: Bool

    /// Creates the backend, pins the calling thread to CPU 0 (workers to CPUs 1…) and sets the
    /// kernel thread count.
    public init(threads: Int) {
        self.threads = max(1, threads)
        pinned = vk_pin_current_thread(0) == 0
        vk_set_threads(Int32(self.threads))
    }

    public var name: String { "native" }

    public func measure(layer: LayerConfig, harness: Harness, counters: CounterGroup?) throws -> Measurement {
        let native = NativeLayer(layer)
        let inputs = (0..<max(1, layer.inputs)).map { FloatBuffer(count: layer.input.elements, seed: 100 + UInt64($0)) }
        let output = FloatBuffer(count: layer.output.elements)
        let pointers = inputs.map { UnsafePointer($0.pointer) }
        return withExtendedLifetime((inputs, output)) {
            harness.measure(counters: counters) { native.run(inputs: pointers, output: output.pointer) }
        }
    }

    public func measure(architecture: Architecture, harness: Harness, counters: CounterGroup?) throws -> Measurement {
        let runner = ArchitectureRunner(architecture)
        return harness.measure(counters: counters) { runner.run() }
    }

    public func measure(architecture: Architecture, relativeTo reference: Architecture, harness: Harness) throws -> (ratio: Measurement, referenceMs: Double) {
        let runner = ArchitectureRunner(architecture)
        let referenceRunner = ArchitectureRunner(reference)
        return harness.measureRelative({ runner.run() }, reference: { referenceRunner.run() })
    }
}

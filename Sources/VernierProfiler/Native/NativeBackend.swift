import CKernels
import VernierKernels
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

    public var name: String { BackendName.native }

    /// Pins the calling thread to CPU 0, as `init` pinned its own.
    public func prepareMeasuringThread() { _ = vk_pin_current_thread(0) }

    public func measure(layer: LayerConfig, harness: Harness, counters: CounterGroup?) throws -> Measurement {
        let call = LayerCall(layer)
        return withExtendedLifetime(call) { harness.measure(counters: counters) { call.run() } }
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

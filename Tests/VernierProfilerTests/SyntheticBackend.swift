import VernierModel
@testable import VernierProfiler

/// A backend with made-up, exactly repeatable timings, for tests of what the LUT builder and the
/// measurer do with timings (scaling onto a time base, ratios), which real timings on a busy
/// machine cannot show reliably: a layer takes 0.01 ms plus 1 ms per 10⁹ MACs (every sample the
/// same), an architecture the sum of its layers.
struct SyntheticBackend: Backend {
    let name = "native"

    static func milliseconds(_ layer: LayerConfig) -> Double { 0.01 + Double(layer.cost.macs) / 1e9 }

    static func milliseconds(_ architecture: Architecture) -> Double { architecture.layers.map(milliseconds).reduce(0, +) }

    func measure(layer: LayerConfig, harness: Harness, counters: CounterGroup?) throws -> Measurement {
        Self.measurement(Self.milliseconds(layer), harness: harness)
    }

    func measure(architecture: Architecture, harness: Harness, counters: CounterGroup?) throws -> Measurement {
        Self.measurement(Self.milliseconds(architecture), harness: harness)
    }

    func measure(architecture: Architecture, relativeTo reference: Architecture,
                 harness: Harness) throws -> (ratio: Measurement, referenceMs: Double) {
        let referenceMs = Self.milliseconds(reference)
        return (Self.measurement(Self.milliseconds(architecture) / referenceMs, harness: harness), referenceMs)
    }

    private static func measurement(_ value: Double, harness: Harness) -> Measurement {
        let samples = Array(repeating: value, count: max(1, harness.settings.repetitions))
        return Measurement(stats: SampleStatistics(samples), samplesMs: samples, innerIterations: 1, rejected: 0, attempts: 1,
                           counters: [:], settings: harness.settings)
    }
}

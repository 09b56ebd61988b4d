import Testing
import VernierModel
@testable import VernierProfiler

/// The native backend times a layer with the settings and counters it was given.
@Suite(.serialized) struct NativeBackendTests {
    @Test func backendMeasuresWithSettingsRecorded() throws {
        let backend = NativeBackend(threads: 1)
        let settings = TimingSettings(warmupCalls: 1, warmupMs: 0, minSampleMs: 0.2, repetitions: 5)
        let m = try backend.measure(layer: .conv(input: Shape(side: 16, channels: 8), cout: 8, kernel: 3),
                                    harness: Harness(settings: settings), counters: CounterGroup(events: ["task-clock"]))
        #expect(m.stats.median > 0)
        #expect(m.settings == settings)
        #expect((m.counters["task-clock"] ?? 0) > 0)
    }
}

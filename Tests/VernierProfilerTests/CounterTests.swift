import Testing
import VernierKernels
@testable import VernierProfiler

@Suite struct CounterTests {
    /// Software events work everywhere; a made-up event is reported unavailable with a reason.
    @Test func softwareEventsCountAndUnknownEventsAreExplained() {
        let group = CounterGroup(events: ["task-clock", "page-faults", "no-such-event-xyz"])
        let unknown = group.status.first { $0.name == "no-such-event-xyz" }!
        #expect(!unknown.available)
        #expect(unknown.reason?.contains("libpfm4") == true)
        #expect(group.status.first { $0.name == "task-clock" }!.available)
        group.start()
        let buffer = FloatBuffer(count: 4 << 20, seed: 1)
        var sum: Float = 0
        for i in stride(from: 0, to: buffer.count, by: 1024) { sum += buffer.pointer[i] }
        let values = group.stop()
        #expect(sum.isFinite)
        #expect((values["task-clock"] ?? 0) > 0)
        #expect(values["no-such-event-xyz"] == nil)
    }

    /// Hardware events either count or say why not (errno and reason); nothing fails.
    @Test func hardwareEventsCountOrExplain() {
        let group = CounterGroup(events: ["cycles", "instructions"])
        for status in group.status {
            if status.available {
                group.start()
                let values = group.stop()
                #expect(values[status.name] != nil)
            } else {
                #expect(status.reason != nil && !status.reason!.isEmpty)
            }
        }
    }
}

import Testing
@testable import VernierProfiler

/// Reading the load average, and when it counts as busy.
@Suite struct MachineLoadTests {
    @Test func parsesProcLoadavg() throws {
        let load = try #require(MachineLoad.parse("1.52 0.61 0.70 3/234 5678\n", cpus: 4))
        #expect(load.oneMinute == 1.52 && load.cpus == 4)
        #expect(load.isBusy)
        #expect(load.warning.contains("load 1.52 over the last minute on 4 CPUs"))
        #expect(MachineLoad.parse("0.90 0.5 0.5 1/1 1", cpus: 4)?.isBusy == false)
        #expect(MachineLoad.parse("", cpus: 2) == nil)
        #expect(MachineLoad.parse("nan 1 1 1/1 1", cpus: 2) == nil)
    }

    @Test func readsThisMachine() {
        // Every Linux machine has /proc/loadavg; elsewhere there is no reading, not a failure.
        if let load = MachineLoad.current() { #expect(load.oneMinute >= 0 && load.cpus >= 1) }
    }
}

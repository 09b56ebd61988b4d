import Testing
@testable import VernierProfiler
import VernierModel

@Suite struct HarnessTests {
    @Test func statisticsAreRobust() {
        let stats = SampleStatistics([1, 2, 3, 4, 100])
        #expect(stats.median == 3)
        #expect(stats.mad == 1)
        #expect(stats.mean == 22)
        let kept = SampleStatistics.rejectingOutliers([1.0, 1.1, 0.9, 1.0, 1.05, 0.95, 9.0])
        #expect(!kept.contains(9.0))
        #expect(kept.count == 6)
        #expect(SampleStatistics.rejectingOutliers([1, 1, 1, 1, 1, 5]) == [1, 1, 1, 1, 1, 5])
    }

    @Test func innerLoopGrowsToTheMinimumSampleTime() {
        let harness = Harness(settings: TimingSettings(warmupCalls: 1, warmupMs: 0, minSampleMs: 0.5, repetitions: 5))
        var calls = 0
        let measurement = harness.measure {
            calls += 1
            var x = 0.0
            for i in 0..<200 { x += Double(i).squareRoot() }
            precondition(x > 0)
        }
        #expect(measurement.innerIterations > 1)
        #expect(measurement.stats.median * Double(measurement.innerIterations) >= 0.4)
        #expect(measurement.samplesMs.count + measurement.rejected == 5)
        #expect(calls >= measurement.innerIterations * 5)
    }

    @Test func powerOfTwoRounding() {
        #expect(1.nextPowerOfTwo == 1)
        #expect(3.nextPowerOfTwo == 4)
        #expect(16.nextPowerOfTwo == 16)
    }
}

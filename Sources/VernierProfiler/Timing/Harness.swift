import VernierModel

/// Times an operation by the measurement rules: warm up; grow the inner loop until one sample
/// takes at least ``TimingSettings/minSampleMs``; take repeated samples; drop outliers; re-measure
/// while the CV stays above the threshold; report median and MAD. Counters, when given, are read
/// around the sampling phase and reported per call.
public struct Harness: Sendable {
    /// Settings in force.
    public var settings: TimingSettings

    /// Creates a harness.
    public init(settings: TimingSettings) { self.settings = settings }

    /// Measures `body` (one call = one run of the operation).
    public func measure(counters: CounterGroup? = nil, _ body: () -> Void) -> Measurement {
        // Warm-up: caches, page faults, lazy initialisation, frequency ramp.
        let warmupStart = MonotonicClock.nanoseconds()
        var calls = 0
        while calls < settings.warmupCalls || Double(MonotonicClock.nanoseconds() - warmupStart) / 1e6 < settings.warmupMs {
            body()
            calls += 1
        }
        let inner = innerIterations(body)
        var (measurement, readings) = steadiest { () -> (samples: [Double], inner: Int, extra: [String: Double]) in
            counters?.start()
            var samples: [Double] = []
            samples.reserveCapacity(settings.repetitions)
            for _ in 0..<settings.repetitions {
                let start = MonotonicClock.nanoseconds()
                for _ in 0..<inner { body() }
                samples.append(Double(MonotonicClock.nanoseconds() - start) / 1e6 / Double(inner))
            }
            let totalCalls = Double(inner * settings.repetitions)
            return (samples, inner, counters?.stop().mapValues { $0 / totalCalls } ?? [:])
        }
        measurement.counters = readings
        return measurement
    }

    /// Smallest power of two of calls whose total time reaches the minimum sample time.
    func innerIterations(_ body: () -> Void) -> Int {
        var inner = 1
        while inner < 1 << 20 {
            let start = MonotonicClock.nanoseconds()
            for _ in 0..<inner { body() }
            let elapsedMs = Double(MonotonicClock.nanoseconds() - start) / 1e6
            if elapsedMs >= settings.minSampleMs { break }
            // Jump close to the target when far below it.
            let factor = elapsedMs > 0 ? settings.minSampleMs / elapsedMs : 16
            inner *= max(2, min(16, Int(factor.rounded(.up)).nextPowerOfTwo))
        }
        return inner
    }
}

extension Int {
    /// The smallest power of two ≥ self (1 for values ≤ 1).
    var nextPowerOfTwo: Int { self <= 1 ? 1 : 1 << (Int.bitWidth - (self - 1).leadingZeroBitCount) }
}

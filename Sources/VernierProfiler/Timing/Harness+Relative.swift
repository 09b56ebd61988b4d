extension Harness {
    /// Measures `body` relative to `reference`, interleaved: every sample times `body`'s inner
    /// loop and then `reference`'s, and the statistics are of the per-sample ratios. On a machine
    /// whose speed drifts (shared VMs: noisy neighbours, frequency changes) the ratio stays
    /// steady where absolute times move by tens of percent from one minute to the next.
    /// - Returns: ratio statistics (`stats` are ratios, not ms) and the reference's median ms
    ///   over the same samples (`referenceMs`).
    public func measureRelative(_ body: () -> Void, reference: () -> Void) -> (ratio: Measurement, referenceMs: Double) {
        let warmupStart = MonotonicClock.nanoseconds()
        var calls = 0
        while calls < settings.warmupCalls || Double(MonotonicClock.nanoseconds() - warmupStart) / 1e6 < settings.warmupMs {
            body()
            reference()
            calls += 1
        }
        let inner = innerIterations(body)
        let innerReference = innerIterations(reference)
        let (measurement, referenceMs) = steadiest { () -> (samples: [Double], inner: Int, extra: Double) in
            var ratios: [Double] = []
            var references: [Double] = []
            for _ in 0..<settings.repetitions {
                var start = MonotonicClock.nanoseconds()
                for _ in 0..<inner { body() }
                let bodyMs = Double(MonotonicClock.nanoseconds() - start) / 1e6 / Double(inner)
                start = MonotonicClock.nanoseconds()
                for _ in 0..<innerReference { reference() }
                let referenceMs = Double(MonotonicClock.nanoseconds() - start) / 1e6 / Double(innerReference)
                ratios.append(bodyMs / referenceMs)
                references.append(referenceMs)
            }
            return (ratios, inner, SampleStatistics(references).median)
        }
        return (measurement, referenceMs)
    }
}

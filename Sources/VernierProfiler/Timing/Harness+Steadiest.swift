extension Harness {
    /// The measurement rule shared by every timing path: runs `attempt` (one set of samples)
    /// until the CV after outlier rejection is within the threshold or the retries are spent, and
    /// keeps the steadiest attempt.
    /// - Parameter attempt: returns the samples, the calls per sample and whatever else the caller
    ///   keeps of that attempt (counter readings, the reference's median).
    /// - Returns: the measurement (without counters) and the kept attempt's `extra`.
    public func steadiest<Extra>(
        _ attempt: () throws -> (samples: [Double], inner: Int, extra: Extra)
    ) rethrows -> (measurement: Measurement, extra: Extra) {
        var best: (samples: [Double], kept: [Double], stats: SampleStatistics, inner: Int, extra: Extra)?
        var attempts = 0
        while attempts <= settings.maxRetries {
            attempts += 1
            let (samples, inner, extra) = try attempt()
            let kept = SampleStatistics.rejectingOutliers(samples, threshold: settings.outlierMADs)
            let stats = SampleStatistics(kept)
            if best == nil || stats.cv < best!.stats.cv { best = (samples, kept, stats, inner, extra) }
            if stats.cv <= settings.cvThreshold { break }
        }
        let result = best!
        let measurement = Measurement(stats: result.stats, samplesMs: result.kept, innerIterations: result.inner,
                                      rejected: result.samples.count - result.kept.count, attempts: attempts, counters: [:],
                                      settings: settings)
        return (measurement, result.extra)
    }
}

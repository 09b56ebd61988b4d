/// One timing and the factor that puts it on a time base (1 for absolute timing), with the
/// reference reading it was scaled by.
struct ScaledTiming {
    /// The raw measurement.
    var measurement: Measurement
    /// Time base latency over the reference's reading around the timing (1: absolute).
    var scale: Double
    /// The reference's reading around the timing, ms (`nil`: absolute).
    var reference: Double?
    /// The scaled median, ms.
    var ms: Double { measurement.stats.median * scale }
}

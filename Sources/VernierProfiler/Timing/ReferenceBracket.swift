import VernierModel

/// Puts timings on a device's ``TimeBase``: each timing is bracketed by two brief timings of the
/// reference layer (``LUTBuilder/referenceLayer``) and scaled by the base latency over their mean.
/// When the two readings differ by more than `maxReferenceShift` the machine changed speed during
/// the timing, and it is done again (up to four times in all).
struct ReferenceBracket {
    /// The base timings are put on.
    let timeBase: TimeBase
    /// Backend that times the reference (the same one that times what is bracketed).
    let backend: any Backend
    /// Timing rules; the reference gets 5 samples of them and no retries.
    let harness: Harness
    /// Largest relative change of the reference across a timing that is accepted.
    let maxReferenceShift: Double

    /// Times `body` between two reference readings; `readings.latest` opens the bracket when
    /// there is one, and the closing reading and the bracket's mean are recorded in `readings`.
    func time(_ body: () throws -> Measurement, readings: inout ReferenceReadings) throws -> ScaledTiming {
        var m = try body()
        var check = harness
        check.settings.repetitions = 5
        check.settings.maxRetries = 0
        func timeReference() throws -> Double {
            try backend.measure(layer: LUTBuilder.referenceLayer, harness: check, counters: nil).stats.median
        }
        var before = try readings.latest ?? timeReference()
        var after = try timeReference()
        var attempts = 1
        while abs(after / before - 1) > maxReferenceShift && attempts < 4 {
            before = after
            m = try body()
            after = try timeReference()
            attempts += 1
        }
        readings.latest = after
        let reference = (before + after) / 2
        readings.record(reference)
        return ScaledTiming(measurement: m, scale: timeBase.referenceMs / reference, reference: reference)
    }
}

/// What is stored with a measurement put on a reference's time base: the timing settings, the
/// reference, the reference latency the ratio was multiplied by, the reference's latency around
/// this measurement (how fast the machine was just then) and, for LUT entries, the raw median
/// before scaling.
struct RelativeSettings: Encodable {
    let timing: TimingSettings
    let reference: String
    let referenceStoredMs: Double
    let referenceNowMs: Double
    var rawMedianMs: Double?
}

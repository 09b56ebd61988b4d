import VernierProfiler

/// What `vernier fusion` found (`--json`): the pairs timed, the rules, the primitives' LUT build
/// and how LUT sums with and without the rules predict the measured archs.
public struct FusionSummary: Encodable, Sendable {
    /// Device id.
    public let device: String
    /// Backend name.
    public let backend: String
    /// Space whose primitives were timed.
    public let space: String
    /// Fused pairs, e.g. `conv+relu`.
    public let rules: [String]
    /// Every pair timed: T1, T2, T12 and the verdict.
    public let pairs: [FusionResult]
    /// The build of the space's primitive ops.
    public let primitives: LUTBuildReport
    /// LUT sums against the measured archs (empty when none are measured).
    public let lutSums: [LUTSumReport]

    enum CodingKeys: String, CodingKey {
        case device, backend, space, rules, pairs, primitives
        case lutSums = "lut_sums"
    }
}

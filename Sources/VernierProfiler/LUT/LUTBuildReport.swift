/// What a LUT build or an end-to-end measurement run did (items are layers or architectures).
public struct LUTBuildReport: Codable, Hashable, Sendable {
    /// A layer that could not be measured.
    public struct Failure: Codable, Hashable, Sendable {
        public var key: String
        public var error: String
    }

    /// Distinct layers asked for.
    public var total: Int
    /// Already in the store before this run.
    public var alreadyPresent: Int
    /// Measured and stored by this run.
    public var measured: Int = 0
    /// Of the measured ones, how many replaced a stored entry asked to be re-measured.
    public var remeasured: Int = 0
    /// Measured or being measured by another process at the same time.
    public var takenByOthers: Int = 0
    /// Of the measured ones, how many had a CV within the threshold.
    public var withinCV: Int = 0
    /// Layers that failed, with the reason.
    public var failed: [Failure] = []
    /// Wall time of this run, seconds.
    public var seconds: Double = 0
    /// The fastest reading of the time base's reference layer during the run (the median of
    /// several brackets' fastest would be steadier, but one clean bracket proves the machine can
    /// run that fast), ms; `nil` without a time base or before ``TimeBaseRebase/minimumBrackets``.
    public var fastestReferenceMs: Double?

    /// Layers handled so far (present, measured, taken, failed).
    public var done: Int { alreadyPresent + measured + takenByOthers + failed.count }

    enum CodingKeys: String, CodingKey {
        case total, measured, remeasured, failed, seconds
        case alreadyPresent = "already_present"
        case takenByOthers = "taken_by_others"
        case withinCV = "within_cv"
        case fastestReferenceMs = "fastest_reference_ms"
    }
}

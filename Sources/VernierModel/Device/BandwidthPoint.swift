/// One point of a bandwidth sweep.
public struct BandwidthPoint: Codable, Hashable, Sendable {
    /// Working set of the triad (three arrays), bytes.
    public var bytes: Int
    /// Best bandwidth over the repetitions, GB/s.
    public var gbPerSecond: Double

    /// Creates a value from all its fields.
    public init(bytes: Int, gbPerSecond: Double) {
        self.bytes = bytes
        self.gbPerSecond = gbPerSecond
    }
}

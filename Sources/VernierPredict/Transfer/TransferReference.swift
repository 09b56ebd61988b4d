/// A reference device as a transfer calibration embeds it: its latencies on the archs the file
/// lists, and its one-hot fallback for any other arch, so the file predicts on its own.
public struct TransferReference: Codable, Hashable, Sendable {
    /// Device id.
    public var device: String
    /// Where its latencies came from.
    public var source: String
    /// Pearson correlation of its log-latencies with the target's on the training archs.
    public var correlation: Double
    /// Latency of each of ``TransferModel/archs``, ms (null where it has none).
    public var latencies: [Double?]
    /// One-hot linear model of its latencies (features `d<i>=<choice>`), for other archs.
    public var fallback: LinearModel?

    /// Creates one.
    public init(device: String, source: String, correlation: Double, latencies: [Double?], fallback: LinearModel?) {
        self.device = device
        self.source = source
        self.correlation = correlation
        self.latencies = latencies
        self.fallback = fallback
    }
}

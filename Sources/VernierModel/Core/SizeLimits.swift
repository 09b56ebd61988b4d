/// The one validated range of every size a user or a client can give, applied by every parser
/// (CLI options, custom JSON models, HTTP bodies, job parameters). Within these ranges the cost
/// arithmetic (`Int` MACs, parameters, bytes) cannot overflow: a layer is also refused when its
/// MACs, estimated in floating point first, pass ``macsPerLayer``.
public enum SizeLimits {
    /// Input resolution of a search space's archs, px.
    public static let resolution = 8...4096
    /// Input side of a custom model (which may start from a feature map as small as 1×1), px.
    public static let inputSide = 1...4096
    /// Channels of any tensor.
    public static let channels = 1...65_536
    /// Kernel side.
    public static let kernel = 1...64
    /// Stride.
    public static let stride = 1...64
    /// Padding on each side.
    public static let padding = 0...64
    /// Expansion ratio of an inverted-residual block.
    public static let expansion = 1...64
    /// Layers of a custom model.
    public static let layers = 1...10_000
    /// Archs one `measure` run or measure job samples.
    public static let measuredArchs = 1...100_000
    /// Accuracy evaluations of one search run on the command line.
    public static let evaluations = 1...10_000_000
    /// One timing sample, ms (an hour: no single call of a network takes longer).
    public static let sampleMs = 0.0...3_600_000.0
    /// Calls timed in one sample.
    public static let innerCalls = 1...1_000_000_000
    /// Multiply-accumulates of one layer (1e15: a second of a petaflop machine's time, far beyond
    /// any network a latency predictor is asked about, and far below `Int.max`).
    public static let macsPerLayer = 1e15

    /// Whether `value` is in `range`; otherwise the message `"<field> = <value> is not in <range>"`.
    public static func check(_ value: Int, in range: ClosedRange<Int>, field: String) -> String? {
        range.contains(value) ? nil : "\(field) = \(value) is not in \(range)"
    }
}

/// The shape of one activation tensor for batch 1: height × width × channels.
public struct Shape: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Spatial height in pixels.
    public var height: Int
    /// Spatial width in pixels.
    public var width: Int
    /// Number of channels.
    public var channels: Int

    /// Creates a shape.
    public init(height: Int, width: Int, channels: Int) {
        self.height = height
        self.width = width
        self.channels = channels
    }

    /// A square shape `side × side × channels`.
    public init(side: Int, channels: Int) {
        self.init(height: side, width: side, channels: channels)
    }

    /// Number of scalar elements.
    public var elements: Int { height * width * channels }

    /// Number of spatial positions (`height × width`).
    public var pixels: Int { height * width }

    /// `HxWxC`, the form used inside layer keys.
    public var description: String { "\(height)x\(width)x\(channels)" }

    /// The same spatial size with another channel count.
    public func with(channels: Int) -> Shape { Shape(height: height, width: width, channels: channels) }

    /// The spatial size after a window of `kernel` with `stride` and "same" padding `kernel / 2`.
    public func convolved(kernel: Int, stride: Int, padding: Int? = nil, channels: Int? = nil) -> Shape {
        let pad = padding ?? kernel / 2
        return Shape(
            height: (height + 2 * pad - kernel) / stride + 1,
            width: (width + 2 * pad - kernel) / stride + 1,
            channels: channels ?? self.channels
        )
    }
}

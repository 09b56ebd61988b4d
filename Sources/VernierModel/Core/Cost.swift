/// Work and memory of a layer or a whole network, as plain counts.
public struct Cost: Hashable, Sendable, Codable {
    /// Multiply-accumulates of convolutions and fully connected layers (pooling, activations and
    /// element-wise ops are not counted, as in the published MAC figures).
    public var macs: Int
    /// Learnable parameters: weights, biases and batch-norm affine scale and shift.
    public var params: Int
    /// Bytes of every activation tensor the layer reads or writes (float32), each counted once.
    public var activationBytes: Int
    /// Bytes of the parameters (float32).
    public var weightBytes: Int { params * 4 }

    /// Creates a cost.
    public init(macs: Int = 0, params: Int = 0, activationBytes: Int = 0) {
        self.macs = macs
        self.params = params
        self.activationBytes = activationBytes
    }

    /// The zero cost.
    public static let zero = Cost()

    /// Floating-point operations, two per MAC.
    public var flops: Int { 2 * macs }

    /// FLOPs per byte moved (activations + weights): the roofline's x-axis.
    public var arithmeticIntensity: Double {
        let bytes = activationBytes + weightBytes
        return bytes == 0 ? 0 : Double(flops) / Double(bytes)
    }

    /// Component-wise sum.
    public static func + (lhs: Cost, rhs: Cost) -> Cost {
        Cost(macs: lhs.macs + rhs.macs, params: lhs.params + rhs.params,
             activationBytes: lhs.activationBytes + rhs.activationBytes)
    }

    /// Component-wise in-place sum.
    public static func += (lhs: inout Cost, rhs: Cost) { lhs = lhs + rhs }
}

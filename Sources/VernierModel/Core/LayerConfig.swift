/// One layer of a network with everything that determines its cost and latency: the op, its input
/// and output shapes and its hyper-parameters. Two layers with equal configs cost the same and
/// share one entry in a latency lookup table (see ``key``).
public struct LayerConfig: Hashable, Sendable, Codable {
    /// What the layer computes.
    public var op: OpKind
    /// Shape of the (first) input tensor.
    public var input: Shape
    /// Shape of the output tensor.
    public var output: Shape
    /// Spatial window (convolution or pooling kernel); 1 for pointwise ops.
    public var kernel: Int
    /// Spatial stride of the window.
    public var stride: Int
    /// Expansion ratio of an MBConv block (`e` in the key); 1 otherwise.
    public var expansion: Int
    /// Hidden width of an MBConv/SepConv block (channels after expansion); 0 for other ops.
    public var midChannels: Int
    /// Groups of the (pointwise) convolutions; 1 = dense.
    public var groups: Int
    /// Reduced width of the squeeze-and-excitation branch; 0 = no SE.
    public var seChannels: Int
    /// Gate of the SE branch (`sigmoid` or `hsigmoid`).
    public var seGate: Activation
    /// Activation after the layer (inside a block: after the expansion and the depthwise conv).
    public var activation: Activation
    /// ReLU applied to the input before the convolution (NAS-Bench-201 `ReLUConvBN`).
    public var preActivation: Bool
    /// Whether convolutions are followed by batch normalisation (counts 2 params per channel).
    public var batchNorm: Bool
    /// Whether the main convolution / FC has a bias vector.
    public var bias: Bool
    /// Whether the block adds its input to its output (identity shortcut).
    public var residual: Bool
    /// Number of tensors summed by an `add` layer; 1 otherwise.
    public var inputs: Int
    /// Explicit padding of a pooling window, when it is not `kernel / 2`.
    public var padding: Int

    /// Creates a layer config. Prefer the factory functions (``conv(input:cout:kernel:stride:groups:activation:batchNorm:bias:preActivation:)`` …) which derive the output shape.
    public init(
        op: OpKind, input: Shape, output: Shape, kernel: Int = 1, stride: Int = 1, expansion: Int = 1,
        midChannels: Int = 0, groups: Int = 1, seChannels: Int = 0, seGate: Activation = .sigmoid,
        activation: Activation = .none, preActivation: Bool = false, batchNorm: Bool = false,
        bias: Bool = false, residual: Bool = false, inputs: Int = 1, padding: Int? = nil
    ) {
        self.op = op
        self.input = input
        self.output = output
        self.kernel = kernel
        self.stride = stride
        self.expansion = expansion
        self.midChannels = midChannels
        self.groups = groups
        self.seChannels = seChannels
        self.seGate = seChannels > 0 ? seGate : .sigmoid
        self.activation = activation
        self.preActivation = preActivation
        self.batchNorm = batchNorm
        self.bias = bias
        self.residual = residual
        self.inputs = inputs
        self.padding = padding ?? kernel / 2
    }
}

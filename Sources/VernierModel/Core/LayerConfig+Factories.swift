extension LayerConfig {
    /// A dense or grouped convolution with "same" padding.
    public static func conv(
        input: Shape, cout: Int, kernel: Int, stride: Int = 1, groups: Int = 1,
        activation: Activation = .none, batchNorm: Bool = true, bias: Bool = false,
        preActivation: Bool = false, seChannels: Int = 0, residual: Bool = false
    ) -> LayerConfig {
        LayerConfig(
            op: .conv, input: input, output: input.convolved(kernel: kernel, stride: stride, channels: cout),
            kernel: kernel, stride: stride, groups: groups, seChannels: seChannels, activation: activation,
            preActivation: preActivation, batchNorm: batchNorm, bias: bias, residual: residual)
    }

    /// A depthwise convolution.
    public static func dwconv(
        input: Shape, kernel: Int, stride: Int = 1, activation: Activation = .none, batchNorm: Bool = true
    ) -> LayerConfig {
        LayerConfig(
            op: .dwconv, input: input, output: input.convolved(kernel: kernel, stride: stride),
            kernel: kernel, stride: stride, groups: input.channels, activation: activation, batchNorm: batchNorm)
    }

    /// An inverted-residual block with a 1×1 expansion to `mid` channels.
    public static func mbconv(
        input: Shape, cout: Int, kernel: Int, stride: Int, expansion: Int, mid: Int, groups: Int = 1,
        seChannels: Int = 0, seGate: Activation = .sigmoid, activation: Activation, residual: Bool
    ) -> LayerConfig {
        LayerConfig(
            op: .mbconv, input: input, output: input.convolved(kernel: kernel, stride: stride, channels: cout),
            kernel: kernel, stride: stride, expansion: expansion, midChannels: mid, groups: groups,
            seChannels: seChannels, seGate: seGate, activation: activation, batchNorm: true, residual: residual)
    }

    /// A depthwise-separable block: an MBConv with expansion 1 (no expansion conv).
    public static func sepconv(
        input: Shape, cout: Int, kernel: Int, stride: Int, groups: Int = 1, seChannels: Int = 0,
        seGate: Activation = .sigmoid, activation: Activation, residual: Bool
    ) -> LayerConfig {
        .mbconv(input: input, cout: cout, kernel: kernel, stride: stride, expansion: 1, mid: input.channels,
                groups: groups, seChannels: seChannels, seGate: seGate, activation: activation, residual: residual)
    }

    /// An average or max pooling window; `padding` defaults to `kernel / 2`.
    public static func pool(_ op: OpKind, input: Shape, kernel: Int, stride: Int, padding: Int? = nil) -> LayerConfig {
        let pad = padding ?? kernel / 2
        return LayerConfig(
            op: op, input: input, output: input.convolved(kernel: kernel, stride: stride, padding: pad),
            kernel: kernel, stride: stride, padding: pad)
    }

    /// Global average pooling to 1×1.
    public static func globalPool(input: Shape) -> LayerConfig {
        LayerConfig(op: .globalpool, input: input, output: Shape(side: 1, channels: input.channels), kernel: input.height)
    }

    /// A fully connected layer on the flattened input.
    public static func fc(input: Shape, cout: Int, bias: Bool = true, activation: Activation = .none) -> LayerConfig {
        LayerConfig(op: .fc, input: input, output: Shape(side: 1, channels: cout), activation: activation, bias: bias)
    }

    /// The sum of `count` tensors of shape `shape`.
    public static func add(shape: Shape, count: Int, activation: Activation = .none) -> LayerConfig {
        LayerConfig(op: .add, input: shape, output: shape, activation: activation, inputs: count)
    }

    /// A standalone batch normalisation with an optional activation.
    public static func bn(shape: Shape, activation: Activation) -> LayerConfig {
        LayerConfig(op: .bn, input: shape, output: shape, activation: activation, batchNorm: true)
    }

    /// A tensor of zeros.
    public static func zero(shape: Shape) -> LayerConfig {
        LayerConfig(op: .zero, input: shape, output: shape)
    }
}

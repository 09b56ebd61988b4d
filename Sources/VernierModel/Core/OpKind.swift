/// The kind of computation a layer performs. Raw values are the names used in layer keys and in
/// custom-model JSON.
public enum OpKind: String, Hashable, Sendable, Codable, CaseIterable {
    /// Dense or grouped convolution (pointwise when `kernel == 1`), BN folded, optional activation.
    case conv
    /// Depthwise convolution (groups = channels).
    case dwconv
    /// Inverted residual (MBConv): 1×1 expansion (optionally grouped, then channel shuffle),
    /// depthwise k×k, optional SE, (grouped) 1×1 linear projection, optional residual. With
    /// expansion 1 there is no expansion conv: a depthwise-separable block (MobileNetV2's t = 1,
    /// MnasNet's SepConv, FBNet's e1 blocks).
    case mbconv
    /// Average pooling window.
    case avgpool
    /// Max pooling window.
    case maxpool
    /// Global average pooling to 1×1.
    case globalpool
    /// Fully connected layer.
    case fc
    /// Element-wise sum of `inputs` tensors, optional activation.
    case add
    /// Channel shuffle (ShuffleNet) between grouped convolutions.
    case shuffle
    /// Squeeze-and-excitation on its own.
    case se
    /// Batch normalisation that cannot be folded into a convolution, optional activation.
    case bn
    /// A standalone activation.
    case act
    /// A tensor of zeros (NAS-Bench-201 node fed only by `none` edges).
    case zero
}

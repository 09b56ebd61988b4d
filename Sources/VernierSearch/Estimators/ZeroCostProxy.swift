/// A training-free accuracy proxy (Abdelfattah et al., 2021; Mellor et al., 2021; Lin et al., 2021).
public enum ZeroCostProxy: String, Sendable, CaseIterable {
    /// NASWOT: log|det K| of the Hamming-similarity kernel of the activation sign patterns of a
    /// batch at initialisation (Mellor et al., "Neural Architecture Search without Training").
    case naswot
    /// Zen-score: log E‖f(x) − f(x + 0.01ε)‖₁ of the pre-pooling feature map plus Σ log √(mean BN
    /// variance) (Lin et al., "Zen-NAS").
    case zen
    /// Parameter count (a strong baseline for NB201 accuracy).
    case params
    /// Multiply–accumulate count.
    case macs

    /// Whether the proxy needs a forward pass (the others come from the cost model).
    public var needsForwardPass: Bool { self == .naswot || self == .zen }
}

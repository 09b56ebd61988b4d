/// A pointwise non-linearity fused into a layer (or applied alone).
public enum Activation: String, Hashable, Sendable, Codable, CaseIterable {
    case none
    case relu
    case relu6
    case hswish
    case sigmoid
    case hsigmoid
}

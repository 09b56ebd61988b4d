import CKernels
import VernierModel

extension Activation {
    /// The C kernel's activation code.
    var kernel: vk_activation {
        switch self {
        case .none: VK_ACT_NONE
        case .relu: VK_ACT_RELU
        case .relu6: VK_ACT_RELU6
        case .hswish: VK_ACT_HSWISH
        case .sigmoid: VK_ACT_SIGMOID
        case .hsigmoid: VK_ACT_HSIGMOID
        }
    }
}

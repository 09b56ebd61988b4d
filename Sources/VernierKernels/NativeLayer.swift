import CKernels
import Foundation
import VernierModel

/// One layer ready to run on the native kernels: weights (BN folded into a bias, as inference
/// runtimes do) and scratch buffers allocated once. Float32, NCHW, batch 1.
public final class NativeLayer: @unchecked Sendable {
    /// The layer.
    public let layer: LayerConfig
    private var weights: [FloatBuffer] = []
    private var scratch: [FloatBuffer] = []

    /// Allocates weights (scaled by 1/√fan-in so activations stay O(1) and never denormal) and scratch.
    public init(_ layer: LayerConfig, seed: UInt64 = 1) {
        self.layer = layer
        let cin = layer.input.channels
        let cout = layer.output.channels
        let k2 = layer.kernel * layer.kernel
        var next = seed
        func weight(_ count: Int, fanIn: Int) -> FloatBuffer {
            next &+= 1
            return FloatBuffer(count: count, seed: next, scale: 1 / Float(max(fanIn, 1)).squareRoot())
        }
        switch layer.op {
        case .conv:
            let fanIn = cin / layer.groups * k2
            weights = [weight(cout * fanIn, fanIn: fanIn), weight(cout, fanIn: 1)]
            scratch = [FloatBuffer(count: vk_conv2d_workspace_floats(Int32(cin), Int32(layer.input.height),
                                                                     Int32(layer.input.width), Int32(layer.kernel),
                                                                     Int32(layer.stride), Int32(layer.padding),
                                                                     Int32(layer.groups))),
                       FloatBuffer(count: layer.preActivation ? layer.input.elements : 1)]
            appendSqueezeExcite(channels: cout, weight: weight)
        case .dwconv:
            weights = [weight(cin * k2, fanIn: k2), weight(cin, fanIn: 1)]
        case .mbconv:
            let mid = layer.midChannels
            let g = layer.groups
            weights = [weight(mid * (cin / g), fanIn: cin / g), weight(mid, fanIn: 1),
                       weight(mid * k2, fanIn: k2), weight(mid, fanIn: 1),
                       weight(cout * (mid / g), fanIn: mid / g), weight(cout, fanIn: 1)]
            let midIn = layer.input.pixels * mid
            let midOut = layer.output.pixels * mid
            scratch = [FloatBuffer(count: midIn), FloatBuffer(count: g > 1 ? midIn : 1), FloatBuffer(count: midOut),
                       FloatBuffer(count: vk_conv2d_workspace_floats(Int32(cin), Int32(layer.input.height),
                                                                     Int32(layer.input.width), 1, 1, 0, Int32(g)))]
            appendSqueezeExcite(channels: mid, weight: weight)
        case .fc:
            weights = [weight(cout * layer.input.elements, fanIn: layer.input.elements), weight(cout, fanIn: 1)]
        case .bn:
            weights = [weight(cin, fanIn: 1), weight(cin, fanIn: 1)]
        case .se:
            appendSqueezeExcite(channels: cin, weight: weight)
        case .avgpool, .maxpool, .globalpool, .add, .act, .shuffle, .zero:
            break
        }
    }

    /// SE weights (w1, b1, w2, b2) and its scratch, appended after the layer's own.
    private func appendSqueezeExcite(channels: Int, weight: (Int, Int) -> FloatBuffer) {
        let reduced = layer.seChannels
        guard reduced > 0 else { return }
        weights += [weight(reduced * channels, channels), weight(reduced, 1), weight(channels * reduced, reduced),
                    weight(channels, 1)]
        scratch.append(FloatBuffer(count: 2 * channels + reduced))
    }

    /// Runs the layer: `inputs` are the layer's input tensors (one, or `layer.inputs` for `add`),
    /// `output` receives `layer.output.elements` floats.
    public func run(inputs: [UnsafePointer<Float>], output: UnsafeMutablePointer<Float>) {
        let l = layer
        let (c, h, w) = (Int32(l.input.channels), Int32(l.input.height), Int32(l.input.width))
        let act = l.activation.kernel
        switch l.op {
        case .conv:
            var source = inputs[0]
            if l.preActivation {
                let copy = scratch[1].pointer
                copy.update(from: inputs[0], count: l.input.elements)
                vk_activation_inplace(copy, l.input.elements, VK_ACT_RELU)
                source = UnsafePointer(copy)
            }
            vk_conv2d(source, c, h, w, weights[0].pointer, weights[1].pointer, output, Int32(l.output.channels),
                      Int32(l.kernel), Int32(l.stride), Int32(l.padding), Int32(l.groups), act, scratch[0].pointer)
            squeezeExcite(output, channels: l.output.channels, shape: l.output, weightOffset: 2)
            if l.residual { vk_add(output, inputs[0], output, l.output.elements, VK_ACT_NONE) }
        case .dwconv:
            vk_depthwise_conv2d(inputs[0], c, h, w, weights[0].pointer, weights[1].pointer, output, Int32(l.kernel),
                                Int32(l.stride), Int32(l.padding), act)
        case .mbconv:
            runMBConv(inputs[0], output)
        case .avgpool:
            vk_avgpool2d(inputs[0], c, h, w, output, Int32(l.kernel), Int32(l.stride), Int32(l.padding))
        case .maxpool:
            vk_maxpool2d(inputs[0], c, h, w, output, Int32(l.kernel), Int32(l.stride), Int32(l.padding))
        case .globalpool:
            vk_global_avgpool(inputs[0], c, h, w, output)
        case .fc:
            vk_fc(inputs[0], Int32(l.input.elements), weights[0].pointer, weights[1].pointer, output,
                  Int32(l.output.channels), act)
        case .add:
            let n = l.output.elements
            vk_add(inputs[0], inputs[1], output, n, inputs.count == 2 ? act : VK_ACT_NONE)
            for (index, extra) in inputs.dropFirst(2).enumerated() {
                vk_add(UnsafePointer(output), extra, output, n, index == inputs.count - 3 ? act : VK_ACT_NONE)
            }
        case .bn:
            vk_depthwise_conv2d(inputs[0], c, h, w, weights[0].pointer, weights[1].pointer, output, 1, 1, 0, act)
        case .act:
            output.update(from: inputs[0], count: l.output.elements)
            vk_activation_inplace(output, l.output.elements, act)
        case .shuffle:
            vk_channel_shuffle(inputs[0], output, c, h, w, Int32(l.groups))
        case .se:
            output.update(from: inputs[0], count: l.output.elements)
            squeezeExcite(output, channels: l.input.channels, shape: l.output, weightOffset: 0)
        case .zero:
            output.update(repeating: 0, count: l.output.elements)
        }
    }

    private func runMBConv(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>) {
        let l = layer
        let mid = Int32(l.midChannels)
        let (h, w) = (Int32(l.input.height), Int32(l.input.width))
        let act = l.activation.kernel
        var expanded = input
        if l.expansion > 1 || l.midChannels != l.input.channels {
            vk_conv2d(input, Int32(l.input.channels), h, w, weights[0].pointer, weights[1].pointer, scratch[0].pointer,
                      mid, 1, 1, 0, Int32(l.groups), act, scratch[3].pointer)
            expanded = UnsafePointer(scratch[0].pointer)
            if l.groups > 1 {
                vk_channel_shuffle(expanded, scratch[1].pointer, mid, h, w, Int32(l.groups))
                expanded = UnsafePointer(scratch[1].pointer)
            }
        }
        vk_depthwise_conv2d(expanded, mid, h, w, weights[2].pointer, weights[3].pointer, scratch[2].pointer,
                            Int32(l.kernel), Int32(l.stride), Int32(l.padding), act)
        squeezeExcite(scratch[2].pointer, channels: l.midChannels, shape: l.output, weightOffset: 6)
        vk_conv2d(scratch[2].pointer, mid, Int32(l.output.height), Int32(l.output.width), weights[4].pointer,
                  weights[5].pointer, output, Int32(l.output.channels), 1, 1, 0, Int32(l.groups), VK_ACT_NONE,
                  scratch[3].pointer)
        if l.residual { vk_add(output, input, output, l.output.elements, VK_ACT_NONE) }
    }

    private func squeezeExcite(_ x: UnsafeMutablePointer<Float>, channels: Int, shape: Shape, weightOffset: Int) {
        guard layer.seChannels > 0 else { return }
        vk_squeeze_excite(x, Int32(channels), Int32(shape.height), Int32(shape.width), weights[weightOffset].pointer,
                          weights[weightOffset + 1].pointer, Int32(layer.seChannels), weights[weightOffset + 2].pointer,
                          weights[weightOffset + 3].pointer, VK_ACT_RELU, layer.seGate.kernel, scratch.last!.pointer)
    }
}

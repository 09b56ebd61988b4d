import CKernels
import Testing
import VernierModel
import VernierKernels

/// The native layers agree with naive reference loops on small shapes.
@Suite(.serialized) struct NativeKernelTests {
    static func maxError(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ n: Int) -> Float {
        var worst: Float = 0
        for i in 0..<n { worst = max(worst, abs(a[i] - b[i]) / max(1, abs(b[i]))) }
        return worst
    }

    @Test(arguments: [(1, 1), (3, 1), (3, 2), (5, 2), (7, 1)], [1, 2])
    func convMatchesReference(kernelStride: (Int, Int), threads: Int) {
        vk_set_threads(Int32(threads))
        defer { vk_set_threads(1) }
        for groups in [1, 2] {
            let layer = LayerConfig.conv(input: Shape(height: 9, width: 11, channels: 4), cout: 6, kernel: kernelStride.0,
                                         stride: kernelStride.1, groups: groups, activation: .relu6)
            let native = NativeLayer(layer, seed: 5)
            let input = FloatBuffer(count: layer.input.elements, seed: 9)
            let output = FloatBuffer(count: layer.output.elements)
            native.run(inputs: [UnsafePointer(input.pointer)], output: output.pointer)
            // Reference with the same weights: rebuild them from the same seeds.
            let fanIn = 4 / groups * kernelStride.0 * kernelStride.0
            let weight = FloatBuffer(count: 6 * fanIn, seed: 6, scale: 1 / Float(fanIn).squareRoot())
            let bias = FloatBuffer(count: 6, seed: 7)
            let expected = FloatBuffer(count: layer.output.elements)
            vk_ref_conv2d(input.pointer, 4, 9, 11, weight.pointer, bias.pointer, expected.pointer, 6, Int32(kernelStride.0),
                          Int32(kernelStride.1), Int32(kernelStride.0 / 2), Int32(groups), VK_ACT_RELU6)
            #expect(Self.maxError(output.pointer, expected.pointer, layer.output.elements) < 1e-4)
        }
    }

    @Test func poolingMatchesReference() {
        for op in [OpKind.avgpool, .maxpool] {
            let layer = LayerConfig.pool(op, input: Shape(height: 8, width: 7, channels: 3), kernel: 3, stride: 2)
            let native = NativeLayer(layer)
            let input = FloatBuffer(count: layer.input.elements, seed: 3)
            let output = FloatBuffer(count: layer.output.elements)
            let expected = FloatBuffer(count: layer.output.elements)
            native.run(inputs: [UnsafePointer(input.pointer)], output: output.pointer)
            vk_ref_pool2d(input.pointer, 3, 8, 7, expected.pointer, 3, 2, 1, op == .maxpool ? 1 : 0)
            #expect(Self.maxError(output.pointer, expected.pointer, layer.output.elements) < 1e-5)
        }
    }

    /// Every layer of every space runs, produces finite values and the right output size.
    @Test(arguments: Spaces.all.map(\.name))
    func everyLayerOfEverySpaceRunsFinite(name: String) throws {
        let space = try Spaces.named(name)
        let layers = space.distinctLayers(resolution: name == "ofa-mbv3" ? nil : 32)
        for layer in layers.prefix(name == "ofa-mbv3" ? 60 : 400) where layer.input.elements < 400_000 {
            let native = NativeLayer(layer)
            let inputs = (0..<layer.inputs).map { FloatBuffer(count: layer.input.elements, seed: UInt64($0 + 1)) }
            let output = FloatBuffer(count: layer.output.elements + 1)
            output.pointer[layer.output.elements] = 12345
            native.run(inputs: inputs.map { UnsafePointer($0.pointer) }, output: output.pointer)
            #expect(output.pointer[layer.output.elements] == 12345, "\(layer.key) wrote past its output")
            #expect((0..<layer.output.elements).allSatisfy { output.pointer[$0].isFinite }, "\(layer.key)")
        }
    }
}

import Foundation
import VernierModel
import VernierKernels

/// A network at initialisation run on a batch with the native kernels, for zero-cost proxies.
///
/// The native layers are inference layers (batch 1, BatchNorm folded into a bias), so the batch is
/// run layer by layer — every sample through one layer, then the next — and after every
/// conv-like layer the outputs are normalised per channel over batch and pixels, which is what a
/// freshly initialised BatchNorm in training mode does (γ = 1, β = 0). A node's outputs are freed
/// once its last consumer has run.
final class ZeroCostNetwork {
    /// What one forward pass saw.
    struct Pass {
        /// Per sample, the sign pattern of every ReLU input (bit set = positive), concatenated
        /// and packed 64 to a word.
        var codes: [[UInt64]] = []
        /// Bits in each code.
        var codeBits = 0
        /// Per sample, the pre-global-pooling feature map (the network output when there is none).
        var features: [[Float]] = []
        /// log √(mean batch variance) of every normalised layer, summed.
        var logNormScale = 0.0
    }

    let architecture: Architecture
    private let layers: [NativeLayer]
    private let lastUse: [Int]
    private let featureNode: Int
    private let observed: [Bool]

    /// Initialises every layer's weights from `seed`.
    init(_ architecture: Architecture, seed: UInt64) {
        self.architecture = architecture
        layers = architecture.nodes.enumerated().map { NativeLayer($1.layer, seed: seed &+ UInt64($0) &* 16) }
        var lastUse = [Int](repeating: -1, count: architecture.nodes.count)
        for (j, node) in architecture.nodes.enumerated() {
            for i in node.inputs where i >= 0 { lastUse[i] = j }
        }
        self.lastUse = lastUse
        // NASWOT reads the units entering a ReLU: outputs of layers with a fused ReLU-like
        // activation, and tensors consumed by a pre-activated conv (NB201's ReLU-Conv-BN) or a
        // standalone activation. A network with none of them falls back to every layer output.
        var observed = architecture.nodes.map { [.relu, .relu6, .hswish].contains($0.layer.activation) && $0.layer.op != .zero }
        for node in architecture.nodes where node.layer.preActivation || node.layer.op == .act {
            for i in node.inputs where i >= 0 { observed[i] = true }
        }
        if !observed.contains(true) { observed = architecture.nodes.map { $0.layer.op != .zero } }
        self.observed = observed
        if let pool = architecture.nodes.lastIndex(where: { $0.layer.op == .globalpool }) {
            featureNode = architecture.nodes[pool].inputs.first ?? (architecture.nodes.count - 1)
        } else {
            featureNode = architecture.nodes.count - 1
        }
    }

    /// Runs `batch` (each `architecture.input.elements` floats) through the network.
    /// - Parameter recordCodes: whether to collect sign patterns (NASWOT).
    func forward(_ batch: [[Float]], recordCodes: Bool) -> Pass {
        let n = batch.count
        let inputs = batch.map { sample -> FloatBuffer in
            let buffer = FloatBuffer(count: sample.count)
            sample.withUnsafeBufferPointer { buffer.pointer.update(from: $0.baseAddress!, count: sample.count) }
            return buffer
        }
        var outputs = [[FloatBuffer]?](repeating: nil, count: layers.count)
        var pass = Pass()
        pass.codes = [[UInt64]](repeating: [], count: recordCodes ? n : 0)
        for (j, node) in architecture.nodes.enumerated() {
            let shape = node.layer.output
            let produced = (0..<n).map { s -> FloatBuffer in
                let out = FloatBuffer(count: max(1, shape.elements))
                let sources = node.inputs.map { i -> UnsafePointer<Float> in
                    UnsafePointer(i == Node.networkInput ? inputs[s].pointer : outputs[i]![s].pointer)
                }
                layers[j].run(inputs: sources, output: out.pointer)
                return out
            }
            if [.conv, .dwconv, .mbconv].contains(node.layer.op) && node.layer.batchNorm {
                // Native weights are uniform in ±1/√fan-in (std 1/√(3·fan-in)); Zen-NAS draws them
                // from N(0, 1), which scales this layer's pre-BN variance by 3·fan-in.
                pass.logNormScale += Self.normalize(produced, shape: shape) + 0.5 * Foundation.log(3 * Double(Self.fanIn(node.layer)))
            }
            if recordCodes && observed[j] {
                for s in 0..<n { Self.appendSigns(produced[s].pointer, count: shape.elements, to: &pass.codes[s], bits: pass.codeBits) }
                pass.codeBits += shape.elements
            }
            if j == featureNode {
                pass.features = produced.map { Array(UnsafeBufferPointer(start: $0.pointer, count: shape.elements)) }
            }
            outputs[j] = produced
            for i in node.inputs where i >= 0 && lastUse[i] == j { outputs[i] = nil }
        }
        return pass
    }

    /// Inputs per output of the layer's last weighted step.
    private static func fanIn(_ layer: LayerConfig) -> Int {
        switch layer.op {
        case .dwconv: layer.kernel * layer.kernel
        case .mbconv: max(1, layer.midChannels / max(layer.groups, 1))
        default: max(1, layer.input.channels / max(layer.groups, 1) * layer.kernel * layer.kernel)
        }
    }

    /// Appends one bit per value (set when positive) to `code`, which holds `bits` bits so far.
    private static func appendSigns(_ values: UnsafePointer<Float>, count: Int, to code: inout [UInt64], bits: Int) {
        var bit = bits
        for k in 0..<count {
            if bit & 63 == 0 { code.append(0) }
            if values[k] > 0 { code[code.count - 1] |= 1 << UInt64(bit & 63) }
            bit += 1
        }
    }

    /// Normalises per channel over batch and pixels (NCHW per sample); returns log √(mean var).
    private static func normalize(_ buffers: [FloatBuffer], shape: Shape) -> Double {
        let pixels = shape.pixels
        let count = Double(pixels * buffers.count)
        guard count > 1 else { return 0 }
        var meanVariance = 0.0
        for c in 0..<shape.channels {
            var sum = 0.0
            var squares = 0.0
            for buffer in buffers {
                let p = buffer.pointer + c * pixels
                for k in 0..<pixels {
                    let v = Double(p[k])
                    sum += v
                    squares += v * v
                }
            }
            let mean = sum / count
            let variance = max(squares / count - mean * mean, 0)
            meanVariance += variance
            let scale = Float(1 / (variance + 1e-5).squareRoot())
            let shift = Float(mean)
            for buffer in buffers {
                let p = buffer.pointer + c * pixels
                for k in 0..<pixels { p[k] = (p[k] - shift) * scale }
            }
        }
        meanVariance /= Double(shape.channels)
        return meanVariance > 0 ? 0.5 * Foundation.log(meanVariance) : 0
    }
}

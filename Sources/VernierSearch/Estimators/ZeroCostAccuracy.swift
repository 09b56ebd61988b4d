import Foundation
import VernierModel

/// `zero-cost:NAME` — a training-free proxy scored on the network at initialisation
/// (``ZeroCostProxy``). NASWOT and Zen run a native forward pass on a synthetic Gaussian batch
/// (the same batch and weight seeds for every architecture, so scores are comparable and
/// reproducible); `params` and `macs` come from the exact cost model.
public final class ZeroCostAccuracy: AccuracyEstimator {
    /// The proxy.
    public let proxy: ZeroCostProxy
    private let space: any SearchSpace
    private let resolution: Int
    private let batchSize: Int
    private let seed: UInt64
    private var cache: [Encoding: Double] = [:]
    private var seconds = 0.0
    private var batches: [UInt64: [[Float]]] = [:]

    /// Creates the estimator.
    /// - Parameters:
    ///   - resolution: input resolution of the forward pass.
    ///   - batchSize: synthetic batch (NASWOT's kernel is batch × batch).
    ///   - seed: weights and input seed.
    public init(proxy: ZeroCostProxy, space: any SearchSpace, resolution: Int, batchSize: Int = 32, seed: UInt64 = 1) {
        self.proxy = proxy
        self.space = space
        self.resolution = resolution
        self.batchSize = max(2, batchSize)
        self.seed = seed
    }

    public var name: String { "zero-cost:\(proxy.rawValue)" }

    public var notes: [String] {
        guard proxy.needsForwardPass else { return ["accuracy: zero-cost proxy \(proxy.rawValue) from the cost model"] }
        return [String(format: "accuracy: zero-cost proxy %@, native forward pass at initialisation, batch %d of N(0,1) %dx%d inputs, %.1f ms per arch",
                       proxy.rawValue, batchSize, resolution, resolution, cache.isEmpty ? 0 : seconds / Double(cache.count) * 1000)]
    }

    public func accuracy(of encoding: Encoding, arch: String) throws(SearchError) -> Double {
        if let cached = cache[encoding] { return cached }
        let started = Date()
        let architecture = space.architecture(encoding, resolution: resolution)
        let score: Double
        switch proxy {
        case .params: score = Double(architecture.cost.params)
        case .macs: score = Double(architecture.cost.macs)
        case .naswot: score = naswot(architecture)
        case .zen: score = zen(architecture)
        }
        guard score.isFinite else {
            throw SearchError(.estimatorFailed, "zero-cost:\(proxy.rawValue) is not finite for arch \(arch) (a degenerate network?)")
        }
        seconds += Date().timeIntervalSince(started)
        cache[encoding] = score
        return score
    }

    /// log|det K|, K[i][j] = number of units on which samples i and j have the same sign.
    private func naswot(_ architecture: Architecture) -> Double {
        let pass = ZeroCostNetwork(architecture, seed: seed).forward(gaussianBatch(offset: 0, elements: architecture.input.elements), recordCodes: true)
        let n = pass.codes.count
        var kernel = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in i..<n {
                var differing = 0
                pass.codes[i].withUnsafeBufferPointer { a in
                    pass.codes[j].withUnsafeBufferPointer { b in
                        for w in 0..<a.count { differing += (a[w] ^ b[w]).nonzeroBitCount }
                    }
                }
                let same = Double(pass.codeBits - differing)
                kernel[i * n + j] = same
                kernel[j * n + i] = same
            }
        }
        // Identical patterns for every input (a network cut off from its input): nothing to tell apart.
        return max(Self.logAbsDeterminant(&kernel, n: n), Self.degenerateScore)
    }

    /// The score of a network whose output does not depend on its input (NB201 cells whose
    /// every path is `none`): below any real network's.
    static let degenerateScore = -1000.0

    /// log mean‖f(x) − f(x + 0.01ε)‖₁ + Σ log √(mean BN variance) (BN variances in N(0,1)-weight units).
    private func zen(_ architecture: Architecture) -> Double {
        let network = ZeroCostNetwork(architecture, seed: seed)
        let x = gaussianBatch(offset: 0, elements: architecture.input.elements)
        let noise = gaussianBatch(offset: 1, elements: architecture.input.elements)
        let perturbed = zip(x, noise).map { a, e in zip(a, e).map { $0 + 0.01 * $1 } }
        let clean = network.forward(x, recordCodes: false)
        let moved = network.forward(perturbed, recordCodes: false)
        var difference = 0.0
        for (a, b) in zip(clean.features, moved.features) {
            for k in a.indices { difference += Double(abs(a[k] - b[k])) }
        }
        difference /= Double(max(clean.features.count, 1))
        guard difference > 0 else { return Self.degenerateScore }
        return Foundation.log(difference) + clean.logNormScale
    }

    /// `batchSize` Gaussian inputs from the seed (Box–Muller); `offset` picks an independent stream.
    private func gaussianBatch(offset: UInt64, elements: Int) -> [[Float]] {
        if let batch = batches[offset], batch.first?.count == elements { return batch }
        var rng = SplitMix64(seed: seed &* 0x9E37_79B9 &+ offset)
        let batch = (0..<batchSize).map { _ in
            (0..<elements).map { _ in
                let u = max(rng.unit(), 1e-12)
                let v = rng.unit()
                return Float((-2 * Foundation.log(u)).squareRoot() * Foundation.cos(2 * Double.pi * v))
            }
        }
        batches[offset] = batch
        return batch
    }

    /// log|det A| by LU with partial pivoting (A is overwritten); −∞ when singular.
    static func logAbsDeterminant(_ a: inout [Double], n: Int) -> Double {
        var total = 0.0
        for column in 0..<n {
            var pivot = column
            for row in column + 1..<n where abs(a[row * n + column]) > abs(a[pivot * n + column]) { pivot = row }
            let value = a[pivot * n + column]
            if value == 0 { return -.infinity }
            if pivot != column {
                for k in 0..<n { a.swapAt(column * n + k, pivot * n + k) }
            }
            total += Foundation.log(abs(value))
            for row in column + 1..<n {
                let factor = a[row * n + column] / value
                if factor == 0 { continue }
                for k in column..<n { a[row * n + k] -= factor * a[column * n + k] }
            }
        }
        return total
    }
}

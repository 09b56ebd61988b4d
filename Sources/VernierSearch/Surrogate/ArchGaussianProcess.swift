import CLinearAlgebra
import Foundation

/// A Gaussian process over architecture encodings with an ``ArchKernel``, grown one observation
/// at a time: each new training point extends the Cholesky factor of `K + λI` by one row (one
/// triangular solve, O(n²)) instead of refactoring (O(n³)).
///
/// After ``refit()``, ``latentMean(_:)`` costs one table lookup per kernel subset
/// (``SubsetTables``) and ``predictiveVariances(_:)`` one triangular solve per candidate. Targets
/// are centred; the signal variance is the maximum-likelihood `σ² = y_cᵀ(K + λI)⁻¹y_c / n`.
final class ArchGaussianProcess {
    /// The kernel.
    let kernel: ArchKernel
    /// Observation noise λ relative to the kernel's k(x, x) = 1.
    let noise: Double
    /// Most training points kept; later ones are not added (``isFull``).
    let capacity: Int
    /// Training points so far.
    private(set) var count = 0
    private var features: [UInt8] = []
    private var targets: [Double] = []
    private var leading = 0          // leading dimension of `factor`
    private var factor: [Double] = []  // lower-triangular, row-major, `leading` columns
    private var coefficients: [Double] = []
    private var tables: SubsetTables
    private(set) var targetMean = 0.0
    private(set) var signalVariance = 1.0

    /// Creates an empty process for encodings with `choiceCounts` choices per decision.
    init(kernel: ArchKernel, choiceCounts: [Int], noise: Double, capacity: Int) {
        self.kernel = kernel
        self.noise = noise
        self.capacity = max(1, capacity)
        tables = SubsetTables(kernel: kernel, choiceCounts: choiceCounts)
    }

    /// Whether ``capacity`` points are held.
    var isFull: Bool { count >= capacity }

    /// Adds one observation (a canonical encoding and its transformed target) and extends the
    /// factor. Ignored when ``isFull``.
    func add(_ choices: [UInt8], target: Double) {
        guard !isFull else { return }
        precondition(choices.count == kernel.width)
        if count == leading { grow() }
        let n = count
        var row = [Double](repeating: 0, count: n)
        choices.withUnsafeBufferPointer { x in
            features.withUnsafeBufferPointer { all in
                for j in 0..<n {
                    row[j] = kernel.value(x, UnsafeBufferPointer(rebasing: all[(j * kernel.width)..<((j + 1) * kernel.width)]))
                }
            }
        }
        if n > 0 { _ = vl_solve_lower(factor, Int32(n), Int32(leading), &row, 1) }
        let squared = row.reduce(0) { $0 + $1 * $1 }
        let diagonal = (max(1 + noise - squared, 1e-12)).squareRoot()
        for j in 0..<n { factor[n * leading + j] = row[j] }
        factor[n * leading + n] = diagonal
        features += choices
        targets.append(target)
        count += 1
    }

    /// Recomputes the coefficients, the signal variance and the mean tables from every point.
    func refit() {
        let n = count
        guard n > 0 else { return }
        targetMean = targets.reduce(0, +) / Double(n)
        var solution = targets.map { $0 - targetMean }
        let centred = solution
        // (K + λI)⁻¹ y = L⁻ᵀ L⁻¹ y: forward solve, then the transposed (backward) solve.
        _ = vl_solve_lower(factor, Int32(n), Int32(leading), &solution, 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            var value = solution[i]
            for k in (i + 1)..<max(i + 1, n) { value -= factor[k * leading + i] * solution[k] }
            solution[i] = value / factor[i * leading + i]
        }
        coefficients = solution
        let quadratic = zip(centred, solution).reduce(0) { $0 + $1.0 * $1.1 }
        signalVariance = max(quadratic / Double(n), 1e-12)
        tables.reset()
        features.withUnsafeBufferPointer { all in
            for j in 0..<n {
                tables.add(UnsafeBufferPointer(rebasing: all[(j * kernel.width)..<((j + 1) * kernel.width)]), coefficient: solution[j])
            }
        }
    }

    /// The posterior mean of the (transformed) target at an encoding.
    func latentMean(_ choices: UnsafeBufferPointer<UInt8>) -> Double {
        targetMean + tables.evaluate(choices)
    }

    /// The variance of a new observation at any encoding can be at most this: `σ²(1 + λ)`.
    var varianceUpperBound: Double { signalVariance * (1 + noise) }

    /// The variance of a new observation at each encoding: `σ²(1 − k*ᵀ(K + λI)⁻¹k* + λ)`.
    /// - Parameter candidates: `width` choices per candidate, one after another.
    func predictiveVariances(_ candidates: [UInt8]) -> [Double] {
        let n = count
        let width = kernel.width
        let m = candidates.count / width
        guard n > 0 else { return [Double](repeating: varianceUpperBound, count: m) }
        var block = [Double](repeating: 0, count: n * m)
        candidates.withUnsafeBufferPointer { xs in
            features.withUnsafeBufferPointer { all in
                for c in 0..<m {
                    let x = UnsafeBufferPointer(rebasing: xs[(c * width)..<((c + 1) * width)])
                    for j in 0..<n {
                        block[c * n + j] = kernel.value(x, UnsafeBufferPointer(rebasing: all[(j * width)..<((j + 1) * width)]))
                    }
                }
            }
        }
        _ = vl_solve_lower(factor, Int32(n), Int32(leading), &block, Int32(m))
        return (0..<m).map { c in
            var explained = 0.0
            for j in 0..<n { explained += block[c * n + j] * block[c * n + j] }
            return signalVariance * (max(1 - explained, 0) + noise)
        }
    }

    /// Doubles the factor's leading dimension (up to ``capacity``), keeping its rows.
    private func grow() {
        let newLeading = min(capacity, max(64, leading * 2))
        var grown = [Double](repeating: 0, count: newLeading * newLeading)
        for i in 0..<count {
            for j in 0...i { grown[i * newLeading + j] = factor[i * leading + j] }
        }
        factor = grown
        leading = newLeading
    }
}

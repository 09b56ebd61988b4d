import Foundation

/// Adam's moment estimates for a ragged parameter array (Kingma & Ba, 2015).
struct AdamState: Sendable {
    var learningRate: Double
    var beta1 = 0.9
    var beta2 = 0.999
    var epsilon = 1e-8
    private var m: [[Double]]
    private var v: [[Double]]
    private var t = 0

    init(sizes: [Int], learningRate: Double) {
        self.learningRate = learningRate
        m = sizes.map { [Double](repeating: 0, count: $0) }
        v = m
    }

    /// Moves `parameters` along `gradient` (ascent).
    mutating func step(_ parameters: inout [[Double]], gradient: [[Double]]) {
        t += 1
        let c1 = 1 - Foundation.pow(beta1, Double(t))
        let c2 = 1 - Foundation.pow(beta2, Double(t))
        for i in parameters.indices {
            for j in parameters[i].indices {
                let g = gradient[i][j]
                m[i][j] = beta1 * m[i][j] + (1 - beta1) * g
                v[i][j] = beta2 * v[i][j] + (1 - beta2) * g * g
                parameters[i][j] += learningRate * (m[i][j] / c1) / ((v[i][j] / c2).squareRoot() + epsilon)
            }
        }
    }
}

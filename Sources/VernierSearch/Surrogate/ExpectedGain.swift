import Foundation

/// Expected improvements of a normally distributed accuracy over fixed levels, the acquisition
/// functions of ``FrontSearch``.
enum ExpectedGain {
    /// `E[max(0, A − level)]` for `A ~ N(mean, sd²)`: `sd·φ(z) + (mean − level)·Φ(z)` with
    /// `z = (mean − level)/sd` (`max(0, mean − level)` when `sd` is 0).
    @inline(__always)
    static func over(_ level: Double, mean: Double, sd: Double) -> Double {
        let gap = mean - level
        guard sd > 0 else { return max(0, gap) }
        let z = gap / sd
        if z < -9 { return 0 }
        let density = exp(-0.5 * z * z) * 0.3989422804014327
        let cumulative = 0.5 * erfc(-z * 0.7071067811865476)
        return sd * density + gap * cumulative
    }

    /// Expected hypervolume improvement (accuracy up, latency down) of a point with exact latency
    /// `latencyMs` and accuracy `N(mean, sd²)` over the front `staircase`, inside the box bounded
    /// by `reference`: the sum over the front's steps right of `latencyMs` of
    /// `step width × E[max(0, A − step height)]`.
    static func hypervolume(over staircase: Staircase, latencyMs: Double, mean: Double, sd: Double) -> Double {
        let reference = staircase.reference
        guard latencyMs < reference.latencyMs else { return 0 }
        var total = 0.0
        var level = reference.accuracy
        var start = -Double.infinity
        for k in 0...staircase.latencies.count {
            let end = k < staircase.latencies.count ? staircase.latencies[k] : reference.latencyMs
            let width = end - max(start, latencyMs)
            if width > 0 { total += width * over(level, mean: mean, sd: sd) }
            if k < staircase.latencies.count {
                start = staircase.latencies[k]
                level = staircase.accuracies[k]
            }
        }
        return total
    }
}

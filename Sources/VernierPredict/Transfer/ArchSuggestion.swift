import Foundation
import VernierModel

/// Which archs to measure on a new device: spread evenly along the main axis along which the
/// reference devices' log-latencies vary (their first principal component), one random arch per
/// equal-count stratum. A fit on archs spread over the whole latency range extrapolates less
/// than one on N random archs, which cluster in the middle.
public enum ArchSuggestion {
    /// Picks `count` of `archs`.
    /// - Parameters:
    ///   - referenceMs: `referenceMs[i][j]`: latency of `archs[i]` on reference j (positive).
    ///   - seed: which arch of each stratum.
    /// - Returns: indices into `archs`, from fastest to slowest along the component.
    /// - Throws: ``PredictError`` (`tooFewRows`) when there are fewer candidates than `count`.
    public static func pick(count: Int, referenceMs: [[Double]], seed: UInt64) throws(PredictError) -> [Int] {
        let n = referenceMs.count
        guard count >= 1, n >= count else {
            throw PredictError(.tooFewRows, "cannot suggest \(count) archs from \(n) that every reference covers")
        }
        let scores = firstComponentScores(referenceMs.map { $0.map { log($0) } })
        let order = (0..<n).sorted { scores[$0] != scores[$1] ? scores[$0] < scores[$1] : $0 < $1 }
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { q in
            let low = q * n / count, high = (q + 1) * n / count
            return order[low + rng.below(high - low)]
        }
    }

    /// Projections of the centered rows on their first principal component (power iteration on
    /// the column covariance), oriented so that larger means slower on average.
    static func firstComponentScores(_ rows: [[Double]]) -> [Double] {
        let width = rows.first?.count ?? 0
        guard width > 0 else { return rows.map { _ in 0 } }
        let count = Double(rows.count)
        var means = [Double](repeating: 0, count: width)
        for row in rows { for j in 0..<width { means[j] += row[j] / count } }
        var covariance = [Double](repeating: 0, count: width * width)
        for row in rows {
            for a in 0..<width { for b in 0..<width { covariance[a * width + b] += (row[a] - means[a]) * (row[b] - means[b]) } }
        }
        var vector = [Double](repeating: 1 / Double(width).squareRoot(), count: width)
        for _ in 0..<200 {
            var next = [Double](repeating: 0, count: width)
            for a in 0..<width { for b in 0..<width { next[a] += covariance[a * width + b] * vector[b] } }
            let norm = next.reduce(0) { $0 + $1 * $1 }.squareRoot()
            guard norm > 0 else { break }
            vector = next.map { $0 / norm }
        }
        if vector.reduce(0, +) < 0 { vector = vector.map { -$0 } }
        return rows.map { row in (0..<width).reduce(0) { $0 + (row[$1] - means[$1]) * vector[$1] } }
    }
}

/// Rank correlations between two equally long samples.
public enum RankCorrelation {
    /// Ranks 1…n with ties given their average rank.
    static func ranks(_ values: [Double]) -> [Double] {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var ranks = [Double](repeating: 0, count: values.count)
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count && values[order[end + 1]] == values[order[start]] { end += 1 }
            let average = Double(start + end) / 2 + 1
            for k in start...end { ranks[order[k]] = average }
            start = end + 1
        }
        return ranks
    }

    /// Pearson correlation (0 when either side is constant).
    static func pearson(_ x: [Double], _ y: [Double]) -> Double {
        let n = Double(x.count)
        guard x.count > 1 else { return 0 }
        let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for i in x.indices {
            sxy += (x[i] - mx) * (y[i] - my)
            sxx += (x[i] - mx) * (x[i] - mx)
            syy += (y[i] - my) * (y[i] - my)
        }
        return sxx > 0 && syy > 0 ? sxy / (sxx * syy).squareRoot() : 0
    }

    /// Spearman's ρ: Pearson correlation of the ranks.
    public static func spearman(_ x: [Double], _ y: [Double]) -> Double { pearson(ranks(x), ranks(y)) }

    /// Kendall's τ-b (ties in either sample handled), O(n²).
    public static func kendall(_ x: [Double], _ y: [Double]) -> Double {
        var concordant = 0.0, discordant = 0.0, tiesX = 0.0, tiesY = 0.0
        let n = x.count
        x.withUnsafeBufferPointer { x in
            y.withUnsafeBufferPointer { y in
                for i in 0..<n {
                    for j in (i + 1)..<max(n, i + 1) {
                        let dx = x[i] - x[j], dy = y[i] - y[j]
                        if dx == 0 && dy == 0 { continue }
                        if dx == 0 { tiesX += 1; continue }
                        if dy == 0 { tiesY += 1; continue }
                        if (dx > 0) == (dy > 0) { concordant += 1 } else { discordant += 1 }
                    }
                }
            }
        }
        let denominator = ((concordant + discordant + tiesX) * (concordant + discordant + tiesY)).squareRoot()
        return denominator > 0 ? (concordant - discordant) / denominator : 0
    }
}

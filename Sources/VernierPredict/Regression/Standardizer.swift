/// Column means and standard deviations of a training matrix: scales features to zero mean and
/// unit variance for a well-conditioned solve, and turns standardized coefficients back into raw
/// units. A constant column gets scale 1 (its standardized values are all zero).
struct Standardizer {
    let means: [Double]
    let scales: [Double]

    init(rows: [[Double]]) {
        let n = rows.first?.count ?? 0
        let count = Double(rows.count)
        var means = [Double](repeating: 0, count: n)
        for row in rows { for j in 0..<n { means[j] += row[j] / count } }
        var scales = [Double](repeating: 0, count: n)
        for row in rows { for j in 0..<n { scales[j] += (row[j] - means[j]) * (row[j] - means[j]) / count } }
        self.means = means
        self.scales = scales.map { $0 > 1e-24 ? $0.squareRoot() : 1 }
    }

    func apply(_ row: [Double]) -> [Double] { row.indices.map { (row[$0] - means[$0]) / scales[$0] } }

    /// Raw coefficients and intercept from a standardized solution whose last entry is the intercept.
    func raw(_ x: [Double]) -> ([Double], Double) {
        let n = means.count
        let coefficients = (0..<n).map { x[$0] / scales[$0] }
        var intercept = x[n]
        for j in 0..<n { intercept -= coefficients[j] * means[j] }
        return (coefficients, intercept)
    }
}

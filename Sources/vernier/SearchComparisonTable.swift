import Foundation
import VernierSearch

/// The human-readable table of `vernier search --compare`: one line per strategy (and budget),
/// the mean score over the seeds, its range, each seed's score and the mean time per search.
struct SearchComparisonTable {
    let text: String

    init(_ comparison: SearchComparison, space: String, accuracy: String, latency: String) {
        var lines: [String] = []
        lines.append("\(space): \(comparison.evaluations) evaluations per search, seeds \(comparison.seeds.map(String.init).joined(separator: ",")); accuracy \(accuracy); latency \(latency)")
        if let reference = comparison.reference {
            lines.append(String(format: "reference point: accuracy %.4g, latency %.4g ms (%@)", reference.accuracy, reference.latencyMs,
                                comparison.referenceSource ?? "given"))
        }
        if let volume = comparison.trueHypervolume { lines.append(String(format: "true front hypervolume: %.6g", volume)) }
        lines.append("score: \(comparison.metric)\(comparison.metric.hasPrefix("gap") ? " (lower is better)" : " (higher is better)")")
        let budgeted = comparison.rows.contains { $0.budgetMs != nil }
        var header = budgeted ? Self.padded("budget ms", 10) + " " : ""
        header += Self.padded("strategy", 10) + " " + Self.padded("mean", 10, right: true) + "  " + Self.padded("range", 20) + "  "
            + Self.padded("s/search", 9, right: true) + "  per seed"
        lines.append(header)
        for row in comparison.rows {
            var line = ""
            if budgeted {
                line += Self.padded(String(format: "%.4g", row.budgetMs ?? 0), 10) + " "
            }
            line += Self.padded(row.strategy, 10) + " " + String(format: "%10.4f  ", row.mean) + Self.padded(String(format: "%.4f–%.4f", row.lowest, row.highest), 20)
                + String(format: "  %9.3f  ", row.meanSeconds)
            line += row.scores.map { String(format: "%.4f", $0) }.joined(separator: " ")
            if !row.budgetsMet { line += "  (a reported best missed a budget)" }
            lines.append(line)
        }
        if budgeted, !comparison.trueBest.isEmpty {
            lines.append("true best per budget: " + comparison.trueBest.map { String(format: "%.4g", $0) }.joined(separator: ", "))
        }
        text = lines.joined(separator: "\n") + "\n"
    }

    /// `text` padded with spaces to `width` (on the left when `right`).
    static func padded(_ text: String, _ width: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - text.count))
        return right ? fill + text : text + fill
    }
}

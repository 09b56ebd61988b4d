import ArgumentParser
import Foundation
import VernierKit
import VernierProfiler

/// `vernier lut compare`: how far two LUTs of the same layers are apart.
struct LUTCompareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Per-entry relative difference |B - A| / A of two LUT files over their common keys; --entries lists them, --plot draws them.")

    @Argument(help: "Reference LUT file (A).")
    var first: String

    @Argument(help: "Other LUT file (B).")
    var second: String

    @Flag(help: "Also one row per common key: key, A ms, B ms, (B - A) / A; largest |difference| first (--json: an 'entries' array).")
    var entries = false

    @Option(help: "Write an SVG scatter of the common entries to FILE (log-log: A's median across, B's up, y = x, ±10 % band).")
    var plot: String?

    @OptionGroup var output: OutputOptions

    func run() async throws {
        let a = try LUTFile.load(path: first), b = try LUTFile.load(path: second)
        let report = try LUTComparison(a, b, names: (first, second), entries: entries)
        if let plot {
            try FileOutput.write(Data(LUTComparisonPlot(a, b, names: (first, second)).svg().utf8), to: plot)
        }
        if output.json { return try JSONOutput.print(report) }
        var text = String(format: "%d common entries: |B-A|/A median %.1f%%, p90 %.1f%%, p99 %.1f%%, max %.1f%%; %.1f%% within 5%%, %.1f%% within 10%%\n",
                          report.common, 100 * report.median, 100 * report.p90, 100 * report.p99, 100 * report.max,
                          100 * report.within5pct, 100 * report.within10pct)
        if let rows = report.entries {
            var table = TextTable(header: ["key", "A ms", "B ms", "(B-A)/A"], rightAligned: [1, 2, 3])
            for row in rows {
                let difference: String = row.relativeDifference.map { String(format: "%+.1f%%", 100 * $0) } ?? "-"
                table.append([row.key, String(format: "%.6g", row.aMs), String(format: "%.6g", row.bMs), difference])
            }
            text += table.text
        }
        JSONOutput.write(text)
    }
}

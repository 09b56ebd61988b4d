import ArgumentParser
import Foundation
import VernierKit
import VernierProfiler

/// `vernier lut compare`: how far two LUTs of the same layers are apart.
struct LUTCompareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Per-entry relative difference |B - A| / A of two LUT files over their common keys; --plot draws them.")

    @Argument(help: "Reference LUT file (A).")
    var first: String

    @Argument(help: "Other LUT file (B).")
    var second: String

    @Option(help: "Write an SVG scatter of the common entries to FILE (log-log: A's median across, B's up, y = x, ±10 % band).")
    var plot: String?

    @OptionGroup var output: OutputOptions

    func run() async throws {
        let a = try LUTFile.load(path: first), b = try LUTFile.load(path: second)
        let report = try LUTComparison(a, b, names: (first, second))
        if let plot {
            try FileOutput.write(Data(LUTComparisonPlot(a, b, names: (first, second)).svg().utf8), to: plot)
        }
        if output.json { return try JSONOutput.print(report) }
        JSONOutput.write(String(format: "%d common entries: |B-A|/A median %.1f%%, p90 %.1f%%, p99 %.1f%%, max %.1f%%; %.1f%% within 5%%, %.1f%% within 10%%\n",
                                report.common, 100 * report.median, 100 * report.p90, 100 * report.p99, 100 * report.max,
                                100 * report.within5pct, 100 * report.within10pct))
    }
}

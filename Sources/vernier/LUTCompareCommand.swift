import ArgumentParser
import Foundation
import VernierKit
import VernierProfiler

/// `vernier lut compare`: how far two LUTs of the same layers are apart.
struct LUTCompareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Per-entry relative difference |B - A| / A of two LUT files over their common keys.")

    @Argument(help: "Reference LUT file (A).")
    var first: String

    @Argument(help: "Other LUT file (B).")
    var second: String

    @OptionGroup var output: OutputOptions

    func run() async throws {
        let report = try LUTComparison(try LUTFile.load(path: first), try LUTFile.load(path: second),
                                       names: (first, second))
        if output.json { return try JSONOutput.print(report) }
        JSONOutput.write(String(format: "%d common entries: |B-A|/A median %.1f%%, p90 %.1f%%, p99 %.1f%%, max %.1f%%; %.1f%% within 5%%, %.1f%% within 10%%\n",
                                report.common, 100 * report.median, 100 * report.p90, 100 * report.p99, 100 * report.max,
                                100 * report.within5pct, 100 * report.within10pct))
    }
}

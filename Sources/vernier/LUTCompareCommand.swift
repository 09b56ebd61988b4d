import ArgumentParser
import Foundation
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

    struct Report: Encodable {
        let common: Int
        let onlyFirst: Int
        let onlySecond: Int
        let median: Double
        let p90: Double
        let p99: Double
        let max: Double
        let within5pct: Double
        let within10pct: Double

        enum CodingKeys: String, CodingKey {
            case common, median, p90, p99, max
            case onlyFirst = "only_first"
            case onlySecond = "only_second"
            case within5pct = "within_5pct"
            case within10pct = "within_10pct"
        }
    }

    func run() async throws {
        let a = try LUTFile.load(path: first)
        let b = try LUTFile.load(path: second)
        let common = Set(a.entries.keys).intersection(b.entries.keys)
        guard !common.isEmpty else { throw CLIError(.badInput, "\(first) and \(second) share no layer keys") }
        let diffs = common.compactMap { key -> Double? in
            let x = a.entries[key]!.medianMs, y = b.entries[key]!.medianMs
            return x > 0 ? abs(y - x) / x : nil
        }.sorted()
        func quantile(_ q: Double) -> Double { diffs[min(diffs.count - 1, Int(q * Double(diffs.count - 1)))] }
        let report = Report(common: common.count, onlyFirst: a.entries.count - common.count,
                            onlySecond: b.entries.count - common.count, median: quantile(0.5), p90: quantile(0.9),
                            p99: quantile(0.99), max: diffs.last ?? 0,
                            within5pct: Double(diffs.filter { $0 <= 0.05 }.count) / Double(diffs.count),
                            within10pct: Double(diffs.filter { $0 <= 0.10 }.count) / Double(diffs.count))
        if output.json { return try JSONOutput.print(report) }
        JSONOutput.write(String(format: "%d common entries: |B-A|/A median %.1f%%, p90 %.1f%%, p99 %.1f%%, max %.1f%%; %.1f%% within 5%%, %.1f%% within 10%%\n",
                                report.common, 100 * report.median, 100 * report.p90, 100 * report.p99, 100 * report.max,
                                100 * report.within5pct, 100 * report.within10pct))
    }
}

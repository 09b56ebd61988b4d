import ArgumentParser
import Foundation
import VernierModel
import VernierPredict

/// `vernier transfer-study`: the leave-one-hardware-out study of few-shot transfer on a table with
/// one latency column per device (HELP's public tables), per device and as means.
struct TransferStudyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transfer-study",
        abstract: "Leave-one-hardware-out study of few-shot transfer calibration on a multi-device latency CSV.")

    @Option(help: "Search space.")
    var space: String

    @Option(help: "Measurements CSV with one latency column per device (ms).")
    var measurements: String

    @Option(help: "Columns to study (comma-separated; default: every latency column).")
    var columns: String?

    @Option(help: "Training archs per device, comma-separated (e.g. 10,20).")
    var train = "10,20"

    @Option(help: "Seeds (0…K−1) averaged per device.")
    var seeds = 5

    @Option(help: "Designs: random, suggested, or both comma-separated.")
    var design = "random,suggested"

    @Option(help: "Methods: transfer, one_hot, or both comma-separated.")
    var method = "transfer,one_hot"

    @Option(name: .customLong("min-ms"), help: "Drop latencies below this (degenerate archs).")
    var minMs = 0.1

    @Option(help: "Input resolution of the archs' features (default: the space's).")
    var resolution: Int?

    @Option(help: "Ridge λs of the candidates, comma-separated (default 0.01,0.3).")
    var ridges = "0.01,0.3"

    @Option(name: .customLong("max-references"), help: "Most references one candidate uses.")
    var maxReferences = 3

    @Option(help: "Temperature of the leave-one-out weights.")
    var temperature = 0.3

    @OptionGroup var output: OutputOptions

    func validate() throws {
        try ResolutionRule.check(resolution, space: space)
        if seeds < 1 { throw ValidationError("--seeds must be at least 1") }
        if maxReferences < 1 { throw ValidationError("--max-references must be at least 1") }
        if !(temperature > 0) || !temperature.isFinite { throw ValidationError("--temperature must be positive") }
    }

    func run() throws {
        let searchSpace = try Spaces.named(space)
        let sizes = try train.split(separator: ",").map { text in
            guard let n = Int(text.trimmingCharacters(in: .whitespaces)), n >= TransferFit.minimumRows, n <= 10_000 else {
                throw CLIError(.badInput, "--train '\(text)' is not a count from \(TransferFit.minimumRows) to 10000")
            }
            return n
        }
        let designs = try parseList(design, as: TransferStudy.Design.self, option: "--design")
        let methods = try parseList(method, as: TransferStudy.Method.self, option: "--method")
        let wanted = columns.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        let matrix = try LatencyMatrix.load(path: measurements, space: searchSpace, columns: wanted, minMs: minMs)
        let side = resolution ?? searchSpace.defaultResolution
        let extractor = FeatureExtractor(lut: nil, roofline: nil)
        let vectors = try matrix.encodings.map { try extractor.vector(searchSpace.architecture($0, resolution: side)) }
        let names = TransferFit.defaultFeatures(vectors: vectors, extractor: extractor)
        let study = TransferStudy(matrix: matrix, features: vectors.map { v in names.map { v[extractor.index[$0]!] } },
                                  featureNames: names, space: searchSpace,
                                  fit: TransferFit(ridges: try ridgeValues(), maxReferences: maxReferences, temperature: temperature))
        var tables: [TransferStudy.Table] = []
        for n in sizes {
            for method in methods {
                for design in designs where method == .transfer || design == .random {
                    tables.append(try study.run(method: method, design: design, train: n, seeds: seeds))
                }
            }
        }
        if output.json { return try JSONOutput.print(StudyOutput(space: space, features: names, tables: tables)) }
        JSONOutput.write(Self.text(tables, features: names))
    }

    /// `--json` output.
    struct StudyOutput: Encodable {
        let space: String
        let features: [String]
        let tables: [TransferStudy.Table]
    }

    func ridgeValues() throws -> [Double] {
        try ridges.split(separator: ",").map { text in
            guard let value = Double(text.trimmingCharacters(in: .whitespaces)), value >= 0, value.isFinite else {
                throw CLIError(.badInput, "--ridges '\(text)' is not a non-negative number")
            }
            return value
        }
    }

    func parseList<T: RawRepresentable & CaseIterable>(_ text: String, as: T.Type, option: String) throws -> [T] where T.RawValue == String {
        try text.split(separator: ",").map { part in
            let name = part.trimmingCharacters(in: .whitespaces)
            guard let value = T(rawValue: name) else {
                throw CLIError(.badInput, "unknown \(option) '\(name)'; allowed: \(T.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return value
        }
    }

    /// Per-device ρ / ±10 % columns, one per table, then the means and the lowest ρ.
    static func text(_ tables: [TransferStudy.Table], features: [String]) -> String {
        guard let first = tables.first else { return "" }
        var lines = ["features: \(features.joined(separator: ", "))"]
        let titles = tables.map { "\($0.method.rawValue) \($0.design.rawValue) N=\($0.train)" }
        lines.append("device".padding(toLength: 15, withPad: " ", startingAt: 0)
                     + titles.map { $0.padding(toLength: 24, withPad: " ", startingAt: 0) }.joined())
        for (d, device) in first.devices.enumerated() {
            lines.append(device.device.padding(toLength: 15, withPad: " ", startingAt: 0) + tables.map {
                String(format: "ρ %.3f  %5.1f%%        ", $0.devices[d].spearman, 100 * $0.devices[d].within10pct)
            }.joined())
        }
        lines.append("mean".padding(toLength: 15, withPad: " ", startingAt: 0) + tables.map {
            String(format: "ρ %.3f  %5.1f%%        ", $0.meanSpearman, 100 * $0.meanWithin10pct)
        }.joined())
        lines.append("lowest ρ".padding(toLength: 15, withPad: " ", startingAt: 0) + tables.map {
            String(format: "ρ %.3f                ", $0.minSpearman)
        }.joined())
        return lines.joined(separator: "\n") + "\n"
    }
}

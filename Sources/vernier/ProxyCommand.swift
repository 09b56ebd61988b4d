import ArgumentParser
import Foundation
import VernierModel
import VernierPredict
import VernierSearch

/// `vernier proxy`: how well an accuracy estimator (a zero-cost proxy, a surrogate) ranks
/// architectures against ground truth (a table of trained results).
struct ProxyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "proxy",
        abstract: "Rank correlation of accuracy estimators (zero-cost proxies, surrogates) with a ground-truth table on sampled archs.")

    @Option(help: "Search space.")
    var space: String

    @Option(help: "Estimators to rate, comma-separated (e.g. zero-cost:naswot,zero-cost:zen,zero-cost:params).")
    var accuracy: String

    @Option(help: "Ground truth: table:CSV#COL.")
    var truth: String

    @Option(help: "Sampled archs (distinct).")
    var count = 1000

    @Option(help: "Sampling seed.")
    var seed: UInt64 = 1

    @Option(help: "Input resolution (default: the space's).")
    var resolution: Int?

    func validate() throws { try ResolutionRule.check(resolution, space: space) }

    @OptionGroup var output: OutputOptions

    struct Rating: Encodable {
        let estimator: String
        let n: Int
        let spearman: Double
        let kendall: Double
        let msPerArch: Double

        enum CodingKeys: String, CodingKey {
            case estimator, n, spearman, kendall
            case msPerArch = "ms_per_arch"
        }
    }

    func run() throws {
        let searchSpace = try Spaces.named(space)
        let side = resolution ?? searchSpace.defaultResolution
        guard truth.hasPrefix("table:") else { throw ValidationError("--truth must be table:CSV#COL") }
        let reference = try TableAccuracy(spec: String(truth.dropFirst("table:".count)), space: searchSpace)
        var archs: [(Encoding, String, Double)] = []
        for encoding in searchSpace.sampleDistinct(count: count, seed: seed) {
            let arch = searchSpace.format(encoding)
            archs.append((encoding, arch, try reference.accuracy(of: encoding, arch: arch)))
        }
        var ratings: [Rating] = []
        for spec in accuracy.split(separator: ",").map(String.init) {
            let estimator = try AccuracyEstimators.make(spec: spec, space: searchSpace, resolution: side)
            let bar = ProgressBar(label: spec, disabled: output.noProgress)
            let started = Date()
            var scores: [Double] = []
            for (i, (encoding, arch, _)) in archs.enumerated() {
                scores.append(try estimator.accuracy(of: encoding, arch: arch))
                bar.update(done: i + 1, total: archs.count, workDone: i + 1, workLeft: archs.count - i - 1,
                           seconds: Date().timeIntervalSince(started), detail: "")
            }
            bar.finish()
            let truthValues = archs.map(\.2)
            ratings.append(Rating(estimator: spec, n: archs.count, spearman: RankCorrelation.spearman(scores, truthValues),
                                  kendall: RankCorrelation.kendall(scores, truthValues),
                                  msPerArch: Date().timeIntervalSince(started) / Double(max(archs.count, 1)) * 1000))
        }
        if output.json {
            try JSONOutput.print(ratings)
            return
        }
        var text = "\(archs.count) \(space) archs (seed \(seed)) against \(reference.name)\n"
        for rating in ratings {
            text += rating.estimator.padding(toLength: max(24, rating.estimator.count + 1), withPad: " ", startingAt: 0)
                + String(format: "Spearman %6.3f  Kendall %6.3f  %8.2f ms/arch\n", rating.spearman, rating.kendall, rating.msPerArch)
        }
        JSONOutput.write(text)
    }
}

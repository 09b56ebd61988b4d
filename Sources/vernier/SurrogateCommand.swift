import ArgumentParser
import Foundation
import VernierModel
import VernierSearch

/// `vernier surrogate`: fit a one-hot linear accuracy surrogate to sampled evaluations of an
/// estimator (usually a table of trained results) for `--accuracy surrogate:FILE`.
struct SurrogateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "surrogate",
        abstract: "Fit a one-hot linear accuracy surrogate on sampled archs of an estimator; report it on held-out archs.")

    @Option(help: "Search space.")
    var space: String

    @Option(help: "Estimator to fit: table:CSV[#COL], zero-cost:NAME or command:CMD.")
    var accuracy: String

    @Option(help: "Training archs.")
    var train = 500

    @Option(help: "Held-out archs for the report.")
    var test = 500

    @Option(help: "Sampling seed.")
    var seed: UInt64 = 1

    @Option(help: "Input resolution (default: the space's).")
    var resolution: Int?

    @Option(help: "Where to write the surrogate JSON.")
    var out: String

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        try ResolutionRule.check(resolution, space: space)
        if train < 2 { throw ValidationError("--train must be at least 2") }
        if test < 0 { throw ValidationError("--test must not be negative") }
    }

    func run() throws {
        let searchSpace = try Spaces.named(space)
        let side = resolution ?? searchSpace.defaultResolution
        let cache = accuracy.hasPrefix("command:") ? StoreAccuracyCache(store: try storeOptions.open()) : nil
        let estimator = try AccuracyEstimators.make(spec: accuracy, space: searchSpace, resolution: side, cache: cache)
        let model = try SurrogateModel.fit(space: searchSpace, estimator: estimator, train: train, test: test, seed: seed)
        try FileOutput.write(try model.json(), to: out)
        if output.json {
            JSONOutput.write(String(decoding: try model.json(), as: UTF8.self) + "\n")
            return
        }
        var text = "surrogate for \(space) fitted to \(model.trainCount) archs of \(model.target) → \(out)\n"
        if let report = model.heldOut {
            text += String(format: "held out %d archs: Spearman %.3f, Kendall %.3f, MAE %.4g\n", report.n, report.spearman, report.kendall, report.mae)
        }
        JSONOutput.write(text)
    }
}

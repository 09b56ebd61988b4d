import ArgumentParser
import Foundation
import VernierModel
import VernierPredict

/// `vernier evaluate`: compare a predictor with measured latencies from a CSV.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Compare a predictor's latencies with a measurements CSV column: ±5%/±10% hit rates, MAPE, RMSE, rank correlations.")

    @Option(help: "Search space.")
    var space: String

    @Option(help: "Measurements CSV (header: arch or arch_str, one latency column per device, ms).")
    var measurements: String

    @Option(help: "Latency column of the CSV.")
    var column: String

    @Option(name: .customLong("min-ms"), help: "Drop archs faster than this (degenerate archs).")
    var minMs = 0.1

    @Option(help: "Input resolution (default: the space's).")
    var resolution: Int?

    func validate() throws { try ResolutionRule.check(resolution, space: space) }

    @OptionGroup var predictorOptions: PredictorOptions
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: OutputOptions

    struct Result: Encodable {
        let report: AccuracyReport
        let predictor: String
        let filtered: Int
        /// How many of the compared archs the calibration was trained on (its source is this
        /// very column), so that `n_test` is read as "compared", not "held out".
        let trainingIncluded: Int
        enum CodingKeys: String, CodingKey { case predictor, filtered, trainingIncluded = "training_included" }
        func encode(to encoder: Encoder) throws {
            try report.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(predictor, forKey: .predictor)
            try container.encode(filtered, forKey: .filtered)
            try container.encode(trainingIncluded, forKey: .trainingIncluded)
        }
    }

    func run() throws {
        let searchSpace = try Spaces.named(space)
        let side = resolution ?? searchSpace.defaultResolution
        let table = try MeasurementTable.load(path: measurements, space: searchSpace, column: column, minMs: minMs)
        guard !table.rows.isEmpty else { throw CLIError(.badInput, "\(measurements) has no rows to compare in column '\(column)'") }
        let predictor = try predictorOptions.make(space: space, store: try storeOptions.open())
        var predicted: [Double] = []
        predicted.reserveCapacity(table.rows.count)
        for row in table.rows { predicted.append(try predictor.predict(searchSpace.architecture(row.encoding, resolution: side))) }
        var nTrain = 0
        var included = 0
        if let calibrated = predictor as? CalibratedPredictor {
            nTrain = calibrated.calibration.holdout?.nTrain ?? 0
            // A model fitted on this column: its training archs are among the rows compared.
            if calibrated.calibration.source == MeasurementTable.source(path: measurements, column: column) { included = nTrain }
        }
        let report = AccuracyReport(predicted: predicted, measured: table.rows.map(\.latencyMs), nTrain: nTrain)
        let result = Result(report: report, predictor: predictor.name, filtered: table.filtered, trainingIncluded: included)
        if output.json { return try JSONOutput.print(result) }
        let including = included > 0 ? ", including the \(included) the model was trained on" : ""
        JSONOutput.write(String(format: "%@ on %@#%@: %d archs%@ (%d dropped below %.2f ms): ±5%% %.1f%%, ±10%% %.1f%%, MAPE %.2f%%, RMSE %.4f ms, spearman %.3f, kendall %.3f\n",
                                predictor.name, (measurements as NSString).lastPathComponent, column, report.nTest, including, table.filtered,
                                minMs, 100 * report.within5pct, 100 * report.within10pct, report.mape, report.rmseMs, report.spearman,
                                report.kendall))
    }
}

import ArgumentParser
import Foundation
import VernierModel
import VernierPredict

/// `vernier predict`: latency of architectures from a LUT, the roofline, FLOPs or a calibration.
struct PredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Predict the latency of architectures (ms) with the flops, roofline, lut or calibrated predictor.")

    @OptionGroup var selection: ArchSelection
    @OptionGroup var predictorOptions: PredictorOptions
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: OutputOptions

    struct Prediction: Encodable {
        let arch: String
        let latencyMs: Double
        enum CodingKeys: String, CodingKey { case arch, latencyMs = "latency_ms" }
    }

    func run() throws {
        let predictor = try predictorOptions.make(space: selection.space, store: try storeOptions.open())
        var writer = PredictionWriter(json: output.json)
        if selection.space == "custom" {
            let predictions = try selection.mapArchitectures { architecture in
                Prediction(arch: architecture.text, latencyMs: try predictor.predict(architecture))
            }
            for prediction in predictions { try writer.add(prediction) }
            return try writer.finish()
        }
        let searchSpace = try Spaces.named(selection.space)
        let side = selection.resolution ?? searchSpace.defaultResolution
        // Two passes over the archs, neither holding them: the first checks every arch (so a bad
        // line is an error before anything is printed) and counts; the second predicts and prints.
        var count = 0
        try selection.forEachEncoding(in: searchSpace) { _, _ in count += 1 }
        // Many archs: compile the predictor to a per-decision table when it is additive.
        let table = count >= 256
            ? try AdditiveTable.compile(space: searchSpace, resolution: side) { architecture throws(PredictError) in
                try predictor.predict(architecture)
            } : nil
        try selection.forEachEncoding(in: searchSpace) { text, encoding in
            let latency = try table?.predict(encoding) ?? predictor.predict(searchSpace.architecture(encoding, resolution: side))
            try writer.add(Prediction(arch: text, latencyMs: latency))
        }
        try writer.finish()
    }
}

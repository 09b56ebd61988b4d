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
        var predictions: [Prediction] = []
        if selection.space == "custom" {
            predictions = try selection.mapArchitectures { architecture in
                Prediction(arch: architecture.text, latencyMs: try predictor.predict(architecture))
            }
        } else {
            let searchSpace = try Spaces.named(selection.space)
            let side = selection.resolution ?? searchSpace.defaultResolution
            let archs = try selection.encodings(in: searchSpace)
            // Many archs: compile the predictor to a per-decision table when it is additive.
            let table = archs.count >= 256
                ? try AdditiveTable.compile(space: searchSpace, resolution: side) { architecture throws(PredictError) in
                    try predictor.predict(architecture)
                } : nil
            predictions.reserveCapacity(archs.count)
            for arch in archs {
                let latency = try table?.predict(arch.encoding)
                    ?? predictor.predict(searchSpace.architecture(arch.encoding, resolution: side))
                predictions.append(Prediction(arch: arch.text, latencyMs: latency))
            }
        }
        if output.json { return try JSONOutput.print(predictions) }
        var text = ""
        for p in predictions { text += String(format: "%10.4f ms  ", p.latencyMs) + p.arch + "\n" }
        JSONOutput.write(text)
    }
}

import ArgumentParser
import Foundation
import VernierModel
import VernierPredict

/// `vernier predict`: latency of architectures from a LUT, the roofline, FLOPs or a calibration,
/// on one device or on several side by side (`--device a,b,c`).
struct PredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Predict the latency of architectures (ms) with the flops, roofline, lut or calibrated:FILE predictor, on one device or several (--device a,b).")

    @OptionGroup var selection: ArchSelection
    @OptionGroup var predictorOptions: PredictorOptions
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: TableOutputOptions

    /// One arch's latency on one device, as `--json` prints it.
    struct Prediction: Encodable {
        let arch: String
        let latencyMs: Double
        enum CodingKeys: String, CodingKey { case arch, latencyMs = "latency_ms" }
    }

    /// One arch's latency on each of several devices (`--device a,b --json`): device id → ms.
    struct DevicePrediction: Encodable {
        let arch: String
        let latencyMsByDevice: [String: Double]
        enum CodingKeys: String, CodingKey { case arch, latencyMsByDevice = "latency_ms_by_device" }
    }

    func validate() throws {
        let devices = predictorOptions.devices
        guard devices.count > 1 else { return }
        if devices.contains(where: \.isEmpty) {
            throw ValidationError("--device '\(predictorOptions.device ?? "")' has an empty device name; give ids separated by commas, e.g. --device a,b")
        }
        var seen = Set<String>()
        for device in devices where !seen.insert(device).inserted {
            throw ValidationError("--device names '\(device)' twice")
        }
        if predictorOptions.lut != nil {
            throw ValidationError("--lut is one device's LUT; with several devices each one's stored LUT is used (vernier lut import FILE stores one)")
        }
        if predictorOptions.kind == .calibrated {
            throw ValidationError("a calibration is one device's model; with several devices use --predictor lut, roofline or flops")
        }
    }

    func run() throws {
        let devices = predictorOptions.devices
        // Several devices: one predictor and one column each, built before anything is printed.
        let columns: [String]? = devices.count > 1 ? devices : nil
        let predictors: [any LatencyPredictor]
        if let columns {
            let store = try storeOptions.open()
            predictors = try columns.map { device in
                try Self.naming(device) { try predictorOptions.forDevice(device).make(space: selection.space, store: store) }
            }
        } else {
            predictors = [try predictorOptions.make(space: selection.space, store: try storeOptions.open())]
        }
        var writer = PredictionWriter(format: output.format, devices: columns)
        var latencies = [Double](repeating: 0, count: predictors.count)
        if selection.space == "custom" {
            let rows = try selection.mapArchitectures { (architecture: Architecture) -> (arch: String, latencies: [Double]) in
                for index in predictors.indices {
                    latencies[index] = try Self.naming(columns?[index]) { try predictors[index].predict(architecture) }
                }
                return (architecture.text, latencies)
            }
            for row in rows { try writer.add(arch: row.arch, latencies: row.latencies) }
            return try writer.finish()
        }
        let searchSpace = try Spaces.named(selection.space)
        let side = selection.resolution ?? searchSpace.defaultResolution
        // Two passes over the archs, neither holding them: the first checks every arch (so a bad
        // line is an error before anything is printed) and counts; the second predicts and prints.
        var count = 0
        try selection.forEachEncoding(in: searchSpace) { _, _ in count += 1 }
        // Many archs: compile each predictor to a per-decision table when it is additive.
        var tables: [AdditiveTable?] = []
        for (index, predictor) in predictors.enumerated() {
            guard count >= 256 else { tables.append(nil); continue }
            tables.append(try Self.naming(columns?[index]) {
                try AdditiveTable.compile(space: searchSpace, resolution: side) { architecture throws(PredictError) in
                    try predictor.predict(architecture)
                }
            })
        }
        let needsGraph = tables.contains { $0 == nil }
        try selection.forEachEncoding(in: searchSpace) { text, encoding in
            let architecture = needsGraph ? searchSpace.architecture(encoding, resolution: side) : nil
            for index in predictors.indices {
                if let table = tables[index] {
                    latencies[index] = table.predict(encoding)
                } else if let architecture {
                    latencies[index] = try Self.naming(columns?[index]) { try predictors[index].predict(architecture) }
                }
            }
            try writer.add(arch: text, latencies: latencies)
        }
        try writer.finish()
    }

    /// Runs `body`; with several devices (`device` not nil), an error whose message does not name
    /// the device gets the name in front (a missing LUT or profile already names it).
    private static func naming<T>(_ device: String?, _ body: () throws -> T) throws -> T {
        do { return try body() } catch {
            guard let device, !"\(error)".contains(device) else { throw error }
            throw CLIError(.badInput, "device \(device): \(error)")
        }
    }
}

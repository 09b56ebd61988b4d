import Foundation
import Testing
import VernierModel
import VernierTestSupport
@testable import VernierPredict

@Suite("Calibration")
struct CalibrationTests {
    static func measured(_ column: String, space: any SearchSpace, file: String) throws -> [CalibrationRun.Measured] {
        try MeasurementTable.load(path: SharedData.url("latency/\(file)").path, space: space, column: column)
            .rows.map { CalibrationRun.Measured(arch: $0.arch, encoding: $0.encoding, latencyMs: $0.latencyMs) }
    }

    static func run(space: any SearchSpace, resolution: Int, train: Int, test: Int) -> CalibrationRun {
        CalibrationRun(space: space, resolution: resolution,
                       extractor: FeatureExtractor(lut: nil, roofline: nil,
                                                   layerKeys: space.distinctLayers(resolution: resolution).map(\.key)),
                       method: .ols, residualFeatures: nil, train: train, test: test, seed: 1, flopsRate: nil)
    }

    @Test("NB201 on pixel3 (dead branches pruned on the phone): 100 archs beat one-hot regression")
    func nb201Pixel3() throws {
        let space = NB201Space()
        let result = try Self.run(space: space, resolution: 32, train: 100, test: 3000)
            .run(try Self.measured("pixel3", space: space, file: "help_nb201_latency_ms.csv"), device: "pixel3",
                 source: "test", lutSource: nil)
        let oneHot = try #require(result.comparison["one_hot"])
        #expect(result.holdout.nTest == 3000)
        #expect(result.holdout.within10pct > oneHot.within10pct + 0.1)
        #expect(result.holdout.mape < oneHot.mape)
    }

    @Test("A saved model predicts what the calibrator predicted; other spaces and devices are refused")
    func roundTrip() throws {
        let space = FBNetSpace()
        let result = try Self.run(space: space, resolution: 32, train: 300, test: 200)
            .run(try Self.measured("samsung_a50", space: space, file: "help_fbnet_cifar100_latency_ms.csv"),
                 device: "samsung_a50", source: "test", lutSource: nil)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("vernier-cal-\(UUID().uuidString).json").path
        try result.model.json().write(to: URL(fileURLWithPath: path))
        let loaded = try CalibrationModel.load(path: path)
        #expect(loaded == result.model)
        let predictor = CalibratedPredictor(calibration: loaded)
        let rows = try Self.measured("samsung_a50", space: space, file: "help_fbnet_cifar100_latency_ms.csv").prefix(50)
        var predicted: [Double] = []
        for row in rows { predicted.append(try predictor.predict(space.architecture(row.encoding, resolution: 32))) }
        #expect(predicted.allSatisfy { $0 > 0 && $0.isFinite })
        #expect(throws: PredictError.self) { try loaded.check(space: "nb201", device: nil) }
        #expect(throws: PredictError.self) { try loaded.check(space: "fbnet", device: "pixel3") }
        try loaded.check(space: "fbnet", device: "samsung_a50")
        // The compiled table agrees with the graph path.
        let table = try #require(try AdditiveTable.compile(space: space, resolution: 32) { a throws(PredictError) in
            try predictor.predict(a)
        })
        for (row, value) in zip(rows, predicted) { #expect(abs(table.predict(row.encoding) - value) <= 1e-9 * value) }
    }

    @Test("A file that is not a calibration is refused with its name")
    func foreignFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("vernier-bad-\(UUID().uuidString).json").path
        try Data(#"{"format":"vernier-lut-1","entries":{}}"#.utf8).write(to: URL(fileURLWithPath: path))
        do {
            _ = try CalibrationModel.load(path: path)
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .badCalibration)
            #expect(error.message.contains(path))
        }
    }
}

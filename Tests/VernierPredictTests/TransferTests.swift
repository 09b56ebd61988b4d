import Foundation
import Testing
import VernierModel
import VernierTestSupport
@testable import VernierPredict

@Suite("Few-shot transfer")
struct TransferTests {
    /// Latencies of a few public NB201 columns, loaded once.
    static let nb201: LatencyMatrix? = try? LatencyMatrix.load(
        path: SharedData.url("latency/help_nb201_latency_ms.csv").path, space: NB201Space(),
        columns: ["pixel3", "raspi4", "gold_6226", "samsung_a50", "1080ti_1"])

    static func reference(_ matrix: LatencyMatrix, _ column: String) throws -> ReferenceDevice {
        try ReferenceDevice(id: column, source: "test", latencies: matrix.latencies(column: matrix.columns.firstIndex(of: column)!))
    }

    @Test("An exact power law of one reference is recovered and that reference ranks first")
    func recoversPowerLaw() throws {
        var rng = SplitMix64(seed: 3)
        let rows = (0..<12).map { _ in [1 + Double(rng.below(1000)) / 10, 1 + Double(rng.below(1000)) / 10] }
        let targets = rows.map { 2 * pow($0[0], 0.8) }
        let outcome = try TransferFit().fit(referenceMs: rows, features: rows.map { _ in [] }, featureNames: [], targets: targets)
        #expect(outcome.ranking.first == 0)
        for x in [3.0, 42.0, 77.7] {
            let predicted = outcome.predict(referenceMs: [x, 50], featureValues: [], featureNames: [])
            #expect(abs(predicted / (2 * pow(x, 0.8)) - 1) < 0.02)
        }
        #expect(abs(outcome.members.map(\.weight).reduce(0, +) - 1) < 1e-9)
    }

    @Test("Fewer than five archs, or no reference, is a clear error")
    func tooFew() {
        #expect(throws: PredictError.self) {
            try TransferFit().fit(referenceMs: [[1], [2], [3], [4]], features: [[], [], [], []], featureNames: [], targets: [1, 2, 3, 4])
        }
        #expect(throws: PredictError.self) {
            try TransferFit().fit(referenceMs: Array(repeating: [], count: 6), features: Array(repeating: [], count: 6),
                                  featureNames: [], targets: [1, 2, 3, 4, 5, 6])
        }
        #expect(throws: PredictError.self) { try ReferenceDevice(id: "broken", source: "test", latencies: ["a": 0]) }
        #expect(throws: PredictError.self) { try ReferenceDevice(id: "empty", source: "test", latencies: [:]) }
    }

    @Test("Suggested archs: one per stratum of the main axis, distinct, the same for the same seed")
    func suggestion() throws {
        let rows = (0..<100).map { i in [Double(i + 1), 2 * Double(i + 1)] }
        let picked = try ArchSuggestion.pick(count: 10, referenceMs: rows, seed: 5)
        #expect(picked == (try ArchSuggestion.pick(count: 10, referenceMs: rows, seed: 5)))
        #expect(Set(picked).count == 10)
        for (q, index) in picked.enumerated() { #expect(index / 10 == q) }
        #expect(throws: PredictError.self) { try ArchSuggestion.pick(count: 101, referenceMs: rows, seed: 1) }
    }

    @Test("Hardware families: HELP's batch suffix is dropped")
    func families() {
        #expect(HardwareFamily.of("titan_rtx_32") == "titan_rtx")
        #expect(HardwareFamily.of("1080ti_1") == "1080ti")
        #expect(HardwareFamily.of("pixel3") == "pixel3")
        #expect(HardwareFamily.of("gold_6226") == "gold")
    }

    @Test("pixel3 from 10 random archs and three other devices: ρ > 0.9 held out, saved file predicts the same")
    func pixel3FromTen() throws {
        let matrix = try #require(Self.nb201)
        let space = NB201Space()
        let target = matrix.columns.firstIndex(of: "pixel3")!
        let measured = matrix.archs.indices.compactMap { i in
            matrix.values[target][i].map { CalibrationRun.Measured(arch: matrix.archs[i], encoding: matrix.encodings[i], latencyMs: $0) }
        }
        var rng = SplitMix64(seed: 11)
        let sample = (0..<400).map { _ in measured[rng.below(measured.count)] }
        let unique = Dictionary(sample.map { ($0.arch, $0) }, uniquingKeysWith: { a, _ in a }).values.sorted { $0.arch < $1.arch }
        let references = try ["raspi4", "gold_6226", "samsung_a50"].map { try Self.reference(matrix, $0) }
        let result = try TransferCalibration(space: space, resolution: 32, train: 10, seed: 2)
            .run(unique, references: references, device: "pixel3", source: "test")
        let holdout = try #require(result.holdout)
        #expect(holdout.nTest == unique.count - 10)
        #expect(holdout.spearman > 0.9)
        #expect(result.correlations.first?.device == "raspi4")
        #expect(result.crossValidation.nTest == 10)
        #expect(result.comparison["one_hot"] != nil && result.comparison["calibration_no_references"] != nil)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("vernier-transfer-\(UUID().uuidString).json").path
        try result.model.json().write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let loaded = try CalibrationModel.load(path: path)
        let predictor = CalibratedPredictor(calibration: loaded)
        let direct = try TransferPredictor(model: try #require(result.model.transfer), space: space)
        for row in unique.prefix(20) {
            let architecture = space.architecture(row.encoding, resolution: 32)
            #expect(abs(try predictor.predict(architecture) - direct.predict(architecture)) < 1e-9)
        }
        // An arch no embedded reference has (a degenerate one) comes from the one-hot fallbacks.
        let degenerate = try space.parse("|none~0|+|none~0|none~1|+|none~0|none~1|none~2|")
        #expect(try predictor.predict(space.architecture(degenerate, resolution: 32)) > 0)
    }

    @Test("A reference that lacks a training arch and cannot model it is named")
    func uncoveredArch() throws {
        let matrix = try #require(Self.nb201)
        let space = NB201Space()
        let target = matrix.columns.firstIndex(of: "pixel3")!
        let measured = (0..<12).map { i in
            CalibrationRun.Measured(arch: matrix.archs[i], encoding: matrix.encodings[i], latencyMs: matrix.values[target][i] ?? 1)
        }
        let tiny = try ReferenceDevice(id: "tiny-board", source: "test", latencies: [matrix.archs[0]: 1.5])
        #expect {
            try TransferCalibration(space: space, resolution: 32, train: 10, seed: 1)
                .run(measured, references: [tiny], device: "x", source: "test")
        } throws: { error in
            "\(error)".contains("tiny-board") && "\(error)".contains("no latency for arch")
        }
    }

    @Test("A target latency of zero is named with its arch")
    func zeroTarget() throws {
        let matrix = try #require(Self.nb201)
        let measured = (0..<12).map { i in
            CalibrationRun.Measured(arch: matrix.archs[i], encoding: matrix.encodings[i], latencyMs: i == 3 ? 0 : 2)
        }
        #expect {
            try TransferCalibration(space: NB201Space(), resolution: 32, train: 10, seed: 1)
                .run(measured, references: [try Self.reference(matrix, "raspi4")], device: "phone", source: "test")
        } throws: { "\($0)".contains("phone: latency 0.0 ms of arch \(matrix.archs[3])") }
    }

    @Test("A CSV header naming a column twice is refused")
    func duplicateColumn() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("vernier-dup-\(UUID().uuidString).csv").path
        try "arch_str,pixel3,pixel3\n|none~0|+|none~0|none~1|+|none~0|none~1|nor_conv_3x3~2|,1,2\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect {
            try LatencyMatrix.load(path: path, space: NB201Space())
        } throws: { error in "\(error)".contains("appears twice") }
    }
}

import Foundation
import Testing
import VernierKit
import VernierModel
import VernierPredict
import VernierProfiler
import VernierSearch
import VernierStore

/// The application layer's use cases, as both front-ends call them.
@Suite struct VernierKitTests {
    static func temporaryStore() throws -> Store {
        try SQLiteStore(path: FileManager.default.temporaryDirectory.appendingPathComponent("vernier-kit-\(UUID().uuidString).sqlite").path)
    }

    static func temporaryFile(_ name: String, _ text: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vernier-kit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    static func entry(_ key: String, ms: Double, device: String = "dev") -> LUTEntryRecord {
        LUTEntryRecord(deviceId: device, backend: "native", key: key, op: "conv", stats: LatencyStats(single: ms))
    }

    @Test func storedDeviceLookupNamesTheKnownDevices() throws {
        let store = try Self.temporaryStore()
        #expect(throws: UseCaseError.self) { try DeviceRegistry.stored(id: "phone", store: store) }
        let profile = DeviceProfile.imported(id: "phone", from: "x.csv")
        try DeviceRegistry.save(profile, store: store, directory: nil)
        #expect(try DeviceRegistry.stored(id: "phone", store: store).id == "phone")
        do {
            _ = try DeviceRegistry.stored(id: "tablet", store: store)
            Issue.record("an unknown device was found")
        } catch let error as UseCaseError {
            #expect(error.kind == .notFound)
            #expect(error.message == "unknown device 'tablet'; known: phone")
        }
    }

    @Test func anImportedDeviceIsNotThisMachine() throws {
        let store = try Self.temporaryStore()
        try DeviceRegistry.save(.imported(id: "phone", from: "x.csv"), store: store, directory: nil)
        do {
            _ = try DeviceRegistry.localProfile(id: "phone", store: store)
            Issue.record("an imported device was taken for this machine")
        } catch let error as UseCaseError {
            #expect(error.kind == .conflict)
            #expect(error.message.contains("not this machine"))
        }
    }

    @Test func predictorKindsParseOnceForBothFrontEnds() throws {
        #expect(try PredictorKind(parsing: "lut") == .lut)
        #expect(PredictorKind.names == ["flops", "roofline", "lut", "calibrated"])
        do {
            _ = try PredictorKind(parsing: "magic")
            Issue.record("an unknown predictor parsed")
        } catch {
            #expect(error.kind == .badInput)
            #expect(error.message == "unknown predictor 'magic'; allowed: flops, roofline, lut, calibrated")
        }
    }

    @Test func lutSourceReadsTheStoreOrAFileAndSaysWhichIsMissing() throws {
        let store = try Self.temporaryStore()
        try store.saveDevice(id: "dev", profileJSON: try DeviceProfile.imported(id: "dev", from: "x").json())
        let stored = LUTSource(file: nil, device: "dev", backend: "native")
        #expect(stored.description == "dev/native")
        do {
            _ = try stored.table(store: store)
            Issue.record("an empty LUT was returned")
        } catch let error as UseCaseError {
            #expect(error.kind == .notFound)
            #expect(error.message.contains("device dev has no native LUT"))
        }
        #expect(try store.commitLUTEntry(Self.entry("k1", ms: 2)))
        #expect(try stored.table(store: store) == ["k1": 2])
        let file = LUTSource(file: "/nonexistent/lut.json", device: "dev", backend: "native")
        #expect(file.description == "/nonexistent/lut.json")
        do {
            _ = try file.table(store: store)
            Issue.record("a missing file was read")
        } catch let error as UseCaseError {
            #expect(error.kind == .badInput)
            #expect(error.message.contains("/nonexistent/lut.json"))
        }
    }

    @Test func factoryBuildsTheLUTPredictorAndRefusesWhatIsMissing() throws {
        let store = try Self.temporaryStore()
        let profile = DeviceProfile.imported(id: "dev", from: "x")
        try store.saveDevice(id: "dev", profileJSON: try profile.json())
        let layer = LayerConfig.conv(input: Shape(side: 8, channels: 4), cout: 4, kernel: 3)
        #expect(try store.commitLUTEntry(Self.entry(layer.key, ms: 1.5)))
        let factory = PredictorFactory(store: { store }, profile: { _ in profile })
        let lut = try factory.make(.lut, space: "nb201", device: "dev", lut: .stored(device: "dev", backend: "native"),
                                   calibration: nil)
        #expect(lut is LUTSumPredictor)
        // An imported profile has no roofline and no clock.
        for kind in [PredictorKind.roofline, .flops] {
            do {
                _ = try factory.make(kind, space: "nb201", device: "dev", lut: .stored(device: "dev", backend: "native"),
                                     calibration: nil)
                Issue.record("\(kind) built without data")
            } catch let error as UseCaseError { #expect(error.kind == .notFound) }
        }
        do {
            _ = try factory.make(.calibrated, space: "nb201", device: "dev", lut: .stored(device: "dev", backend: "native"),
                                 calibration: "/nonexistent/calibration.json")
            Issue.record("a missing calibration was loaded")
        } catch let error as UseCaseError {
            #expect(error.kind == .notFound)
            #expect(error.message == "no calibration file /nonexistent/calibration.json")
        }
    }

    @Test func lutComparisonOverCommonKeys() throws {
        func file(_ entries: [String: Double]) -> LUTFile {
            LUTFile(device: "d", space: "all", backend: "native", records: entries.map { Self.entry($0.key, ms: $0.value) })
        }
        let a = file(["x": 1, "y": 2, "z": 4, "only-a": 1])
        let b = file(["x": 1.04, "y": 2.3, "z": 4, "only-b": 1])
        let report = try LUTComparison(a, b, names: ("a", "b"))
        #expect(report.common == 3 && report.onlyFirst == 1 && report.onlySecond == 1)
        #expect(abs(report.max - 0.15) < 1e-9)
        #expect(abs(report.within5pct - 2.0 / 3) < 1e-9)
        #expect(report.within10pct == report.within5pct)
        #expect(throws: UseCaseError.self) { try LUTComparison(a, file(["other": 1]), names: ("a", "c")) }
    }

    /// Latency = the arch's MACs in millions: a deterministic source for a search run.
    final class MACsLatency: LatencySource {
        let space: any SearchSpace
        init(space: any SearchSpace) { self.space = space }
        var name: String { "macs" }
        var choiceTable: ChoiceTable? { nil }
        func latency(of encoding: Encoding, arch: String) throws(SearchError) -> Double {
            Double(space.architecture(encoding, resolution: 32).cost.macs) / 1e6 + 1
        }
        func fastest(space: any SearchSpace) -> (arch: String, latencyMs: Double)? { nil }
    }

    @Test func everySearchIsSavedWithItsDocument() throws {
        let store = try Self.temporaryStore()
        let space = try Spaces.named("nb201")
        let evaluator = Evaluator(space: space, accuracy: try AccuracyEstimators.make(spec: "zero-cost:params", space: space,
                                                                                   resolution: 32, timeoutSeconds: 0, cache: nil),
                                  latency: MACsLatency(space: space), limit: 20, onError: .stop)
        let result = try SearchRun.run(strategy: try Strategies.named("random"), evaluator: evaluator,
                                       objective: Objective(budgetMs: nil), seed: 3, reference: nil)
        let id = try SearchRunArchive.save(result, store: store)
        let runs = try store.searchRuns(space: "nb201")
        #expect(runs.count == 1)
        #expect(runs[0].id == id)
        #expect(runs[0].strategy == "random" && runs[0].evaluations == 20 && runs[0].seed == 3)
        #expect(runs[0].bestArch == result.best?.arch)
        let document = try JSONSerialization.jsonObject(with: Data(runs[0].result.utf8)) as? [String: Any]
        #expect(document?["strategy"] as? String == "random")
    }

    @Test func calibrationFilesAreNamedByBackend() {
        #expect(CalibrationFiles.defaultPath(device: "pi5", space: "fbnet", backend: "native") == "calibration/pi5-fbnet.json")
        let runner = CalibrationFiles.defaultPath(device: "pi5", space: "fbnet", backend: "runner:python3 runner.py")
        #expect(runner.hasPrefix("calibration/pi5-fbnet-runner-") && runner.hasSuffix(".json") && runner.count == 42, "\(runner)")
        #expect(runner == CalibrationFiles.defaultPath(device: "pi5", space: "fbnet", backend: "runner:python3 runner.py"))
        #expect(runner != CalibrationFiles.defaultPath(device: "pi5", space: "fbnet", backend: "runner:other"))
    }
}

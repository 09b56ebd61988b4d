import Benchmark
import Foundation
import VernierModel
import VernierPredict

/// Prediction and calibration throughput. One benchmark iteration = 1M predictions (scaling
/// factor mega), so the reported throughput is archs per second on one core.
nonisolated(unsafe) let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .throughput], maxDuration: .seconds(10), maxIterations: 30)
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    let fbnet = FBNetSpace()
    let count = 1_000_000
    let packed = fbnet.sample(count: count, seed: 5).flatMap(\.choices)
    var output = [Double](repeating: 0, count: count)

    // A LUT with every FBNet layer (the committed reference LUT of this repo).
    let lutFile = root.appendingPathComponent("lut/amd-epyc-2t-e057f4/fbnet.json").path
    let lut = (try? VernierProfilerLUT.load(lutFile)) ?? [:]
    let lutPredictor = LUTSumPredictor(lut: lut)
    let lutTable = try! AdditiveTable.compile(space: fbnet, resolution: 224) { a throws(PredictError) in try lutPredictor.predict(a) }!
    Benchmark("lut-sum fbnet 1M pre-encoded archs", configuration: .init(scalingFactor: .mega)) { _ in
        packed.withUnsafeBufferPointer { p in output.withUnsafeMutableBufferPointer { lutTable.predictBatch(p, count: count, into: $0) } }
        blackHole(output[count - 1])
    }

    let calibrationFile = root.appendingPathComponent("calibration/amd-epyc-2t-e057f4-fbnet.json").path
    let calibrated = CalibratedPredictor(calibration: try! CalibrationModel.load(path: calibrationFile))
    let calibratedTable = try! AdditiveTable.compile(space: fbnet, resolution: 224) { a throws(PredictError) in try calibrated.predict(a) }!
    Benchmark("calibrated fbnet 1M pre-encoded archs", configuration: .init(scalingFactor: .mega)) { _ in
        packed.withUnsafeBufferPointer { p in output.withUnsafeMutableBufferPointer { calibratedTable.predictBatch(p, count: count, into: $0) } }
        blackHole(output[count - 1])
    }

    let graphArchs = fbnet.sample(count: 1_000, seed: 6)
    Benchmark("calibrated fbnet 1k archs through the graph (no table)", configuration: .init(scalingFactor: .kilo)) { _ in
        var total = 0.0
        for encoding in graphArchs { total += try calibrated.predict(fbnet.architecture(encoding, resolution: 224)) }
        blackHole(total)
    }

    // Calibration of 1,000 measured archs: features, candidate feature sets by 5-fold CV, fit, reports.
    let csv = root.deletingLastPathComponent().appendingPathComponent("shared/latency/help_fbnet_cifar100_latency_ms.csv").path
    let rows = try! MeasurementTable.load(path: csv, space: fbnet, column: "samsung_a50").rows.prefix(1_100)
        .map { CalibrationRun.Measured(arch: $0.arch, encoding: $0.encoding, latencyMs: $0.latencyMs) }
    let extractor = FeatureExtractor(lut: nil, roofline: nil, layerKeys: fbnet.distinctLayers(resolution: 32).map(\.key))
    Benchmark("calibrate 1,000 fbnet archs (5-fold CV over feature sets)") { _ in
        let run = CalibrationRun(space: fbnet, resolution: 32, extractor: extractor, method: .ols, residualFeatures: nil,
                                 train: 1_000, test: 100, seed: 1, flopsRate: nil)
        blackHole(try run.run(rows, device: "samsung_a50", source: "bench", lutSource: nil))
    }
}

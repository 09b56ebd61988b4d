import VernierModel
import VernierPredict
import VernierProfiler
import VernierStore

/// How one way of summing a device's LUT predicts its measured archs (`vernier fusion`'s
/// `lut_sums`): whole layers, primitives alone, or primitives merged by the fusion rules found.
public struct LUTSumReport: Encodable, Sendable {
    /// `layers`, `primitives` or `primitives+rules`.
    public let name: String
    /// What the sum adds up.
    public let description: String
    /// Predicted (the sums) against measured.
    public let accuracy: AccuracyReport
    /// Median of predicted / measured.
    public let medianRatio: Double

    enum CodingKeys: String, CodingKey {
        case name, description, accuracy
        case medianRatio = "median_predicted_over_measured"
    }

    /// Block-level, primitive and primitive-with-rules LUT sums of `space` against the archs
    /// measured on `deviceID` and `backend` at `side` (empty when none are measured).
    /// - Throws: ``UseCaseError`` (`notFound`) naming a layer the LUT lacks.
    public static func all(store: Store, deviceID: String, backend: String, space: any SearchSpace, side: Int,
                 rules: FusionRules) throws -> [LUTSumReport] {
        let measured: [ArchMeasurementRecord]
        let lut: [String: Double]
        do {
            measured = try store.archMeasurements(device: deviceID, backend: backend, space: space.name, resolution: side)
            guard !measured.isEmpty else { return [] }
            lut = try store.lutTable(device: deviceID, backend: backend)
        } catch { throw UseCaseError(.storage, "\(error)") }
        let variants: [(String, String, (LayerConfig) -> [LayerConfig])] = [
            ("layers", "one entry per layer, timed whole (every fusion inside a layer included)", { [$0] }),
            ("primitives", "every conv, activation, SE, shuffle and add timed alone (no fusion)", FusionRules.none.primitives),
            ("primitives+rules", "primitives merged by the fusion rules found", rules.primitives),
        ]
        var reports: [LUTSumReport] = []
        for (name, description, split) in variants {
            var predicted: [Double] = []
            var actual: [Double] = []
            for record in measured {
                let architecture = try space.architecture(record.arch, resolution: side)
                var total = 0.0
                for layer in architecture.layers {
                    for part in split(layer) {
                        guard let ms = lut[part.key] else {
                            throw UseCaseError(.notFound, "the \(backend) LUT of \(deviceID) has no entry for \(part.key); run `vernier profile --space \(space.name)` with the same backend first")
                        }
                        total += ms
                    }
                }
                predicted.append(total)
                actual.append(record.stats.medianMs)
            }
            let ratios = zip(predicted, actual).map { $0 / $1 }.sorted()
            reports.append(LUTSumReport(name: name, description: description,
                                     accuracy: AccuracyReport(predicted: predicted, measured: actual, nTrain: 0),
                                     medianRatio: ratios[ratios.count / 2]))
        }
        return reports
    }
}

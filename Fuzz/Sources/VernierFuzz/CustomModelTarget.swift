import Foundation
import VernierModel

/// Custom JSON models (`--space custom --model FILE`): the whole input is the file. Accepted models
/// must have finite, non-negative costs for every layer.
struct CustomModelTarget: FuzzTarget {
    static let name = "custom-model"
    static let summary = "custom JSON layer models (parse, shapes, cost, layer keys)"

    init() {}

    /// Small valid models: a conv stem, an inverted residual with SE, pooling and a classifier.
    static var seeds: [Data] {
        [
            #"{"input": [3, 32, 32], "layers": [{"op": "conv", "k": 3, "s": 2, "cout": 16, "act": "relu"}, {"op": "global_pool"}, {"op": "fc", "cout": 10}]}"#,
            #"{"input": [16, 56, 56], "layers": [{"op": "mbconv", "k": 5, "s": 1, "cout": 16, "e": 6, "se": 0.25, "act": "hswish"}]}"#,
            #"{"resolution": 64, "layers": [{"op": "dwconv", "k": 3, "s": 1}, {"op": "pwconv", "cout": 8, "g": 2}]}"#,
        ].map { Data($0.utf8) }
    }

    func run(_ data: Data) {
        guard let arch = try? CustomModel.parse(data, source: "fuzz.json") else { return }
        for layer in arch.layers {
            let cost = layer.cost
            if cost.macs < 0 || cost.params < 0 || cost.activationBytes < 0 {
                FuzzFailure.fail("negative cost \(cost) for \(layer.key)", input: String(decoding: data, as: UTF8.self))
            }
            _ = layer.key
        }
        _ = arch.effectiveNodes
    }
}

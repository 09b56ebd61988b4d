import Foundation
import VernierModel
import VernierProfiler

/// OFA and ProxylessNAS per-op LUT YAML (`vernier lut import --format ofa-yaml`): the whole input
/// is the file. Every imported entry must carry plausible statistics and a layer key Vernier parses.
struct LUTYAMLTarget: FuzzTarget {
    static let name = "lut-yaml"
    static let summary = "OFA / ProxylessNAS LUT YAML (keys to layer configs, statistics)"

    init() {}

    /// Entries in the OFA (`std`, `-hs:`) and ProxylessNAS (`var`) styles.
    static var seeds: [Data] {
        [
            """
            Conv-input:224x224x3-output:112x112x24:
              count: 500
              mean: 0.99
              std: 0.017
            expanded_conv-input:112x112x24-output:56x56x32-expand:96-kernel:5-stride:2-idskip:0-se:1-hs:1:
              count: 500
              mean: 1.2
              std: 0.02
            AvgPool2D-input:7x7x1152-output:1x1x1152:
              count: 495
              mean: 0.015
              std: 0.0009
            Logits-input:1x1x1536-output:1x1x1000:
              count: 500
              mean: 0.12
              std: 0.001
            """,
            """
            expanded_conv-input:56x56x24-output:56x56x24-expand:3-kernel:7-stride:1-idskip:1:
              count: 100
              mean: 2.5
              var: 0.01
            Conv_1-input:7x7x320-output:7x7x1280:
              count: 100
              mean: 0.4
              var: 0.0004
            """,
        ].map { Data($0.utf8) }
    }

    func run(_ data: Data) {
        let text = String(decoding: data, as: UTF8.self)
        guard let lut = try? OFAYAMLImporter.parse(text: text, file: "fuzz.yaml", device: "fuzz") else { return }
        for (key, entry) in lut.entries {
            if entry.stats.meanMs < 0 || !entry.stats.medianMs.isFinite {
                FuzzFailure.fail("entry \(key) imported with statistics \(entry.stats)", input: text)
            }
        }
    }
}

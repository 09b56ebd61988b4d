import Foundation
import VernierModel
import Yams

/// Reads the per-op LUT YAML of Once-for-All (`{count, mean, std}`) and ProxylessNAS
/// (`{count, mean, var}`) and maps each op key to a Vernier layer key:
/// `expanded_conv-input:…-output:…-expand:E-kernel:K-stride:S-idskip:I[-se:1][-hs:1]` → `mbconv`
/// (`expand` is the hidden width in OFA files and the ratio in ProxylessNAS files: a value below
/// the input channels is a ratio); `Conv` → the 3×3 s2 stem; `Conv_1` → the 1×1 final expansion;
/// `Conv_2` → the 1×1 feature mix (no BN); `AvgPool2D` → global pool; `Logits` → FC.
public enum OFAYAMLImporter {
    struct RawEntry: Decodable {
        var count: Int?
        var mean: Double?
        var std: Double?
        var `var`: Double?
    }

    /// Parses `path` into a LUT for `device`. Activation for non-`hs` ops is `relu` (OFA) or
    /// `relu6` when the file has no `hs` fields (ProxylessNAS).
    public static func load(path: String, device: String) throws(LUTError) -> LUTFile {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw LUTError(.unreadable, file: path, detail: error.localizedDescription)
        }
        return try parse(text: text, file: path, device: device)
    }

    /// Parses YAML `text` as ``load(path:device:)`` does the file's contents; `file` names it in errors.
    public static func parse(text: String, file path: String, device: String) throws(LUTError) -> LUTFile {
        let raw: [String: RawEntry]
        do { raw = try YAMLDecoder().decode([String: RawEntry].self, from: text) } catch {
            throw LUTError(.malformed, file: path, detail: "not an OFA/ProxylessNAS LUT YAML mapping (\(error))")
        }
        guard !raw.isEmpty else { throw LUTError(.malformed, file: path, detail: "no entries") }
        let proxyless = !raw.keys.contains { $0.contains("-hs:") }
        var entries: [String: LUTEntry] = [:]
        for (key, value) in raw.sorted(by: { $0.key < $1.key }) {
            guard let mean = value.mean, mean.isFinite, mean >= 0 else {
                throw LUTError(.malformed, file: path, detail: "entry \(key): missing or invalid 'mean'")
            }
            let layer = try layerConfig(key, proxyless: proxyless, file: path)
            let std = value.std ?? value.var.map { $0.squareRoot() } ?? 0
            entries[layer.key] = LUTEntry(op: layer.op.rawValue,
                                          stats: LatencyStats(medianMs: mean, madMs: 0, meanMs: mean, stdMs: std,
                                                              cv: mean > 0 ? std / mean : 0, repetitions: value.count ?? 0,
                                                              innerIterations: 1),
                                          counters: [:], source: "imported:ofa-yaml:\(key)")
        }
        return LUTFile(device: device, space: "imported", backend: "imported", settings: nil, entries: entries)
    }

    /// The Vernier layer of one OFA/ProxylessNAS op key.
    static func layerConfig(_ key: String, proxyless: Bool, file: String) throws(LUTError) -> LayerConfig {
        var fields: [String: String] = [:]
        let parts = key.split(separator: "-")
        guard let kind = parts.first else { throw LUTError(.malformed, file: file, detail: "empty key") }
        for part in parts.dropFirst() {
            let pair = part.split(separator: ":", maxSplits: 1)
            guard pair.count == 2 else { throw LUTError(.malformed, file: file, detail: "key \(key): field '\(part)' is not name:value") }
            fields[String(pair[0])] = String(pair[1])
        }
        func shape(_ name: String) throws(LUTError) -> Shape {
            guard let text = fields[name] else { throw LUTError(.malformed, file: file, detail: "key \(key): missing \(name)") }
            let dims = text.split(separator: "x").compactMap { Int($0) }
            let sides = dims.count == 3 ? dims.prefix(2) : []
            guard dims.count == 3 || dims.count == 1,
                  sides.allSatisfy(SizeLimits.inputSide.contains), let channels = dims.last, SizeLimits.channels.contains(channels) else {
                throw LUTError(.malformed, file: file, detail: "key \(key): \(name) '\(text)' is not HxWxC with sides in "
                               + "\(SizeLimits.inputSide) and channels in \(SizeLimits.channels)")
            }
            return dims.count == 3 ? Shape(height: dims[0], width: dims[1], channels: channels) : Shape(side: 1, channels: channels)
        }
        func int(_ name: String, in limits: ClosedRange<Int>) throws(LUTError) -> Int {
            guard let value = fields[name].flatMap({ Int($0) }) else {
                throw LUTError(.malformed, file: file, detail: "key \(key): missing or non-integer \(name)")
            }
            guard limits.contains(value) else {
                throw LUTError(.malformed, file: file, detail: "key \(key): \(name) = \(value) is not in \(limits)")
            }
            return value
        }
        let input = try shape("input")
        let output = try shape("output")
        let plain: Activation = proxyless ? .relu6 : .relu
        let act: Activation = fields["hs"] == "1" ? .hswish : plain
        let layer: LayerConfig
        switch kind {
        case "expanded_conv":
            let expand = try int("expand", in: SizeLimits.channels)
            let kernel = try int("kernel", in: SizeLimits.kernel)
            let stride = try int("stride", in: SizeLimits.stride)
            let mid = expand < input.channels ? input.channels * expand : expand
            guard SizeLimits.channels.contains(mid) else {
                throw LUTError(.malformed, file: file, detail: "key \(key): hidden width \(mid) is not in \(SizeLimits.channels)")
            }
            let expansion = max(1, Int((Double(mid) / Double(input.channels)).rounded()))
            let se = fields["se"] == "1" ? makeDivisible(Double(mid / 4)) : 0
            var mbconv = LayerConfig.mbconv(input: input, cout: output.channels, kernel: kernel, stride: stride,
                                            expansion: expansion, mid: mid, seChannels: se, seGate: .hsigmoid,
                                            activation: act, residual: fields["idskip"] == "1")
            if mid == input.channels { mbconv.expansion = 1 }
            layer = mbconv
        case "Conv":
            // The stem: a 3×3 conv whose stride is the ratio of the sides.
            let stride = input.height / max(1, output.height)
            guard SizeLimits.stride.contains(stride) else {
                throw LUTError(.malformed, file: file, detail: "key \(key): output \(output) is larger than input \(input)")
            }
            layer = .conv(input: input, cout: output.channels, kernel: 3, stride: stride, activation: proxyless ? .relu6 : .hswish)
        case "Conv_1":
            layer = .conv(input: input, cout: output.channels, kernel: 1, activation: proxyless ? .relu6 : .hswish)
        case "Conv_2":
            layer = .conv(input: input, cout: output.channels, kernel: 1, activation: .hswish, batchNorm: false)
        case "AvgPool2D":
            layer = .globalPool(input: input)
        case "Logits":
            layer = .fc(input: input, cout: output.channels)
        default:
            throw LUTError(.malformed, file: file,
                           detail: "key \(key): unknown op '\(kind)' (expected expanded_conv, Conv, Conv_1, Conv_2, AvgPool2D, Logits)")
        }
        guard layer.output == output else {
            throw LUTError(.malformed, file: file, detail: "key \(key): output \(output) does not follow from the input \(input) (\(layer.output))")
        }
        return layer
    }
}

import Foundation

/// A user's own network described as a JSON list of layers, e.g.
/// `{"op":"conv","k":3,"s":2,"cin":3,"cout":32,"act":"relu6"}`. The file is either that list or an
/// object `{"name", "resolution", "input_channels", "layers": [...]}`. Layers run in sequence;
/// `mbconv` (expansion `e`; `e: 1` is a depthwise-separable block) adds its input when `"residual"` is true (default: when stride is 1 and
/// `cin == cout`). Parsing is strict: unknown ops or fields, missing, negative or inconsistent
/// values are errors naming the layer and field.
public enum CustomModel {
    /// Field names a layer may have.
    public static let fields: Set<String> = ["op", "k", "s", "cin", "cout", "e", "g", "se", "gate", "act", "bn", "bias",
                                             "residual", "p", "name", "mid"]
    /// Ops a custom model may use (``OpKind`` raw values except `add` and `zero`, which need edges).
    public static let ops = OpKind.allCases.filter { $0 != .add && $0 != .zero }.map(\.rawValue)

    /// Loads and builds the model in `path`.
    public static func load(path: String, resolution: Int? = nil) throws(ArchError) -> Architecture {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw ArchError(.unreadable, value: path, location: "file", allowed: "a readable JSON layer file (\(error.localizedDescription))")
        }
        return try parse(data, source: path, resolution: resolution)
    }

    /// Builds a model from JSON `data`; `source` names it in errors and becomes its text.
    public static func parse(_ data: Data, source: String, resolution: Int? = nil) throws(ArchError) -> Architecture {
        let root: JSONValue
        do { root = try JSONDecoder().decode(JSONValue.self, from: data) } catch {
            throw ArchError(.unreadable, value: source, location: "JSON", allowed: "valid JSON (\(error.localizedDescription))")
        }
        let layers: [JSONValue]
        var side = resolution ?? 224
        var channels = 3
        var name = source
        if case .array(let list) = root {
            layers = list
        } else if case .object(let object) = root, case .array(let list)? = object["layers"] {
            layers = list
            if resolution == nil, let r = object["resolution"] { side = try integer(r, field: "resolution", at: "model") }
            if let c = object["input_channels"] { channels = try integer(c, field: "input_channels", at: "model") }
            if case .string(let n)? = object["name"] { name = n }
        } else {
            throw ArchError(.invalidLayer, value: source, location: "top level",
                            allowed: "a JSON list of layers or an object with a \"layers\" list")
        }
        guard SizeLimits.inputSide.contains(side) else {
            throw ArchError(.invalidLayer, value: "\(side)", location: "model field \"resolution\"", allowed: "\(SizeLimits.inputSide)")
        }
        guard SizeLimits.channels.contains(channels) else {
            throw ArchError(.invalidLayer, value: "\(channels)", location: "model field \"input_channels\"",
                            allowed: "\(SizeLimits.channels)")
        }
        guard !layers.isEmpty else {
            throw ArchError(.wrongCount, value: "0 layers", location: source, allowed: "at least one layer")
        }
        guard layers.count <= SizeLimits.layers.upperBound else {
            throw ArchError(.wrongCount, value: "\(layers.count) layers", location: source,
                            allowed: "at most \(SizeLimits.layers.upperBound) layers")
        }
        var graph = GraphBuilder(input: Shape(side: side, channels: channels))
        for (index, item) in layers.enumerated() {
            let at = "layer \(index + 1)"
            guard case .object(let object) = item else {
                throw ArchError(.invalidLayer, value: "\(item)", location: at, allowed: "a JSON object")
            }
            let built = try layer(object, input: graph.shape, at: at)
            try checkSize(built, at: at)
            graph.append(built)
        }
        return graph.build(space: "custom", text: name)
    }

    /// One layer from its JSON object, checked against the incoming shape.
    static func layer(_ json: [String: JSONValue], input: Shape, at: String) throws(ArchError) -> LayerConfig {
        if let unknown = json.keys.sorted().first(where: { !fields.contains($0) }) {
            throw ArchError(.invalidLayer, value: unknown, location: "\(at) field", allowed: fields.sorted().joined(separator: ", "))
        }
        guard case .string(let opName)? = json["op"] else {
            throw ArchError(.invalidLayer, value: json["op"]?.description ?? "missing", location: "\(at) field \"op\"",
                            allowed: ops.joined(separator: ", "))
        }
        guard let op = OpKind(rawValue: opName), ops.contains(opName) else {
            throw ArchError(.unknownChoice, value: opName, location: "\(at) field \"op\"", allowed: ops.joined(separator: ", "))
        }
        let at = "\(at) (\(opName))"
        func int(_ field: String, default value: Int? = nil, in limits: ClosedRange<Int>) throws(ArchError) -> Int {
            guard let raw = json[field] else {
                if let value { return value }
                throw ArchError(.invalidLayer, value: "missing", location: "\(at) field \"\(field)\"", allowed: "an integer in \(limits)")
            }
            let parsed = try integer(raw, field: field, at: at)
            guard limits.contains(parsed) else {
                throw ArchError(.invalidLayer, value: "\(parsed)", location: "\(at) field \"\(field)\"", allowed: "an integer in \(limits)")
            }
            return parsed
        }
        func flag(_ field: String, default value: Bool) throws(ArchError) -> Bool {
            guard let raw = json[field] else { return value }
            guard case .bool(let parsed) = raw else {
                throw ArchError(.invalidLayer, value: "\(raw)", location: "\(at) field \"\(field)\"", allowed: "true or false")
            }
            return parsed
        }
        func activation(_ field: String, default value: Activation) throws(ArchError) -> Activation {
            guard let raw = json[field] else { return value }
            guard case .string(let text) = raw, let parsed = Activation(rawValue: text) else {
                throw ArchError(.unknownChoice, value: "\(raw)", location: "\(at) field \"\(field)\"",
                                allowed: Activation.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return parsed
        }
        let cin = try int("cin", default: input.channels, in: SizeLimits.channels)
        guard cin == input.channels else {
            throw ArchError(.invalidLayer, value: "cin \(cin)", location: "\(at) field \"cin\"",
                            allowed: "\(input.channels), the channels produced by the previous layer (input \(input))")
        }
        let act = try activation("act", default: .none)
        let kernel = try int("k", default: 1, in: SizeLimits.kernel)
        let stride = try int("s", default: 1, in: SizeLimits.stride)
        let se = try int("se", default: 0, in: 0...SizeLimits.channels.upperBound)
        let gate = try activation("gate", default: .sigmoid)
        guard kernel <= input.height + 2 * (kernel / 2) else {
            throw ArchError(.invalidLayer, value: "k \(kernel)", location: "\(at) field \"k\"",
                            allowed: "a kernel no larger than the padded input \(input)")
        }
        func residual(cout: Int) throws(ArchError) -> Bool {
            let possible = stride == 1 && cin == cout
            let wanted = try flag("residual", default: possible)
            guard !wanted || possible else {
                throw ArchError(.invalidLayer, value: "residual true", location: "\(at) field \"residual\"",
                                allowed: "a residual only where stride is 1 and cin == cout (here s \(stride), cin \(cin), cout \(cout))")
            }
            return wanted
        }
        switch op {
        case .conv:
            let cout = try int("cout", in: SizeLimits.channels)
            let groups = try int("g", default: 1, in: SizeLimits.channels)
            guard cin % groups == 0, cout % groups == 0 else {
                throw ArchError(.invalidLayer, value: "g \(groups)", location: "\(at) field \"g\"",
                                allowed: "a group count dividing cin \(cin) and cout \(cout)")
            }
            return .conv(input: input, cout: cout, kernel: kernel, stride: stride, groups: groups, activation: act,
                         batchNorm: try flag("bn", default: true), bias: try flag("bias", default: false),
                         seChannels: se, residual: try flag("residual", default: false) ? try residual(cout: cout) : false)
        case .dwconv:
            return .dwconv(input: input, kernel: kernel, stride: stride, activation: act, batchNorm: try flag("bn", default: true))
        case .mbconv:
            let cout = try int("cout", in: SizeLimits.channels)
            let expansion = try int("e", in: SizeLimits.expansion)
            let groups = try int("g", default: 1, in: SizeLimits.channels)
            let mid = try int("mid", default: min(cin * expansion, SizeLimits.channels.upperBound), in: SizeLimits.channels)
            guard cin % groups == 0, mid % groups == 0, cout % groups == 0 else {
                throw ArchError(.invalidLayer, value: "g \(groups)", location: "\(at) field \"g\"",
                                allowed: "a group count dividing cin \(cin), mid \(mid) and cout \(cout)")
            }
            return .mbconv(input: input, cout: cout, kernel: kernel, stride: stride, expansion: expansion, mid: mid,
                           groups: groups, seChannels: se, seGate: gate, activation: act, residual: try residual(cout: cout))
        case .avgpool, .maxpool:
            let padding = try int("p", default: kernel / 2, in: SizeLimits.padding)
            return .pool(op, input: input, kernel: kernel, stride: stride, padding: padding)
        case .globalpool:
            return .globalPool(input: input)
        case .fc:
            return .fc(input: input, cout: try int("cout", in: SizeLimits.channels), bias: try flag("bias", default: true), activation: act)
        case .bn:
            return .bn(shape: input, activation: act)
        case .act:
            return LayerConfig(op: .act, input: input, output: input, activation: act)
        case .shuffle:
            let groups = try int("g", default: 2, in: SizeLimits.channels)
            guard cin % groups == 0 else {
                throw ArchError(.invalidLayer, value: "g \(groups)", location: "\(at) field \"g\"", allowed: "a divisor of \(cin)")
            }
            return LayerConfig(op: .shuffle, input: input, output: input, groups: groups)
        case .se:
            guard se > 0 else {
                throw ArchError(.invalidLayer, value: "se \(se)", location: "\(at) field \"se\"", allowed: "the reduced width, >= 1")
            }
            return LayerConfig(op: .se, input: input, output: input, seChannels: se, seGate: gate)
        case .add, .zero:
            throw ArchError(.unknownChoice, value: opName, location: "\(at) field \"op\"", allowed: ops.joined(separator: ", "))
        }
    }

    /// Refuses a layer whose output is empty or whose MACs, estimated in floating point (so that
    /// nothing can overflow), pass ``SizeLimits/macsPerLayer``.
    static func checkSize(_ layer: LayerConfig, at: String) throws(ArchError) {
        guard layer.output.height > 0, layer.output.width > 0 else {
            throw ArchError(.invalidLayer, value: "output \(layer.output)", location: at,
                            allowed: "a kernel, stride and padding that leave at least one output pixel (input \(layer.input))")
        }
        let widest = Double(max(layer.input.channels, layer.output.channels, layer.midChannels, layer.seChannels))
        let pixels = Double(max(layer.input.height * layer.input.width, layer.output.height * layer.output.width))
        let estimate = pixels * widest * widest * Double(layer.kernel * layer.kernel) * 3
        guard estimate <= SizeLimits.macsPerLayer else {
            throw ArchError(.invalidLayer, value: String(format: "about %.2g MACs", estimate), location: at,
                            allowed: String(format: "layers of at most %g MACs", SizeLimits.macsPerLayer))
        }
    }

    /// An integer JSON value (JSON numbers without a fraction).
    static func integer(_ raw: JSONValue, field: String, at: String) throws(ArchError) -> Int {
        if case .integer(let value) = raw { return value }
        throw ArchError(.invalidLayer, value: "\(raw)", location: "\(at) field \"\(field)\"", allowed: "an integer")
    }
}

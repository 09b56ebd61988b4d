/// A categorical architecture search space with one canonical text encoding.
///
/// Every architecture is a vector of choices (``Encoding``); the space parses and formats its
/// canonical string strictly, builds the network graph, samples and mutates uniformly, and lists
/// the distinct layer configs a latency table must cover.
public protocol SearchSpace: Sendable {
    /// Short name used on the command line (`nb201`, `fbnet`, …).
    var name: String { get }
    /// One line describing the space.
    var summary: String { get }
    /// The decisions, in the order of ``Encoding/choices``.
    var decisions: [Decision] { get }
    /// Input resolution used when none is given.
    var defaultResolution: Int { get }
    /// Named architectures of the space (e.g. `mnasnet-a1`), name → canonical string.
    var namedArchitectures: [(name: String, arch: String)] { get }

    /// Parses a canonical string. Strict: anything else throws an ``ArchError`` naming the
    /// position and the allowed values.
    func parse(_ text: String) throws(ArchError) -> Encoding
    /// Formats an encoding as the canonical string.
    func format(_ encoding: Encoding) -> String
    /// Builds the network graph of an encoding at `resolution` (spaces whose string fixes the
    /// resolution ignore it).
    func architecture(_ encoding: Encoding, resolution: Int) -> Architecture
    /// A set of encodings whose layers together include every layer config the space can produce
    /// at `resolution` (a "covering set").
    func coveringEncodings(resolution: Int) -> [Encoding]
    /// Every encoding, when the space is small enough to list (NB201); `nil` otherwise.
    func enumerate() -> [Encoding]?
    /// Whether each arch string fixes its own resolution, so a resolution given beside it is ignored.
    var resolutionIsInArch: Bool { get }
    /// The encoding of the network that computes the same function as `encoding` with every
    /// choice that cannot matter reset (NB201: edges on no input→output path of non-`none` edges
    /// become `none`), so that a surrogate of accuracy compares networks, not spellings. The
    /// default is `encoding` itself.
    func canonical(_ encoding: Encoding) -> Encoding
}

extension SearchSpace {
    /// Default: the space has no named architectures.
    public var namedArchitectures: [(name: String, arch: String)] { [] }

    /// Default: the resolution is given beside the arch.
    public var resolutionIsInArch: Bool { false }

    /// What is wrong with a resolution given as `field` for this space, or `nil`: outside
    /// ``SizeLimits/resolution``, or given at all where each arch carries its own (it would be ignored).
    public func resolutionProblem(_ resolution: Int?, field: String) -> String? {
        guard let resolution else { return nil }
        if let problem = SizeLimits.check(resolution, in: SizeLimits.resolution, field: field) { return problem }
        if resolutionIsInArch {
            return "\(field) does not apply to \(name): each arch carries its own resolution (r=…), and its LUT covers every one of them"
        }
        return nil
    }

    /// Default: every choice matters.
    public func canonical(_ encoding: Encoding) -> Encoding { encoding }

    /// Default: the space is too large to enumerate.
    public func enumerate() -> [Encoding]? { nil }

    /// Number of architectures (the product of the decision sizes).
    public var size: Double { decisions.reduce(1.0) { $0 * Double($1.choices.count) } }

    /// Parses a canonical string or the name of a named architecture.
    public func parseOrNamed(_ text: String) throws(ArchError) -> Encoding {
        if let named = namedArchitectures.first(where: { $0.name == text }) { return try parse(named.arch) }
        return try parse(text)
    }

    /// Builds the graph of a canonical string at `resolution` (default: the space's).
    public func architecture(_ text: String, resolution: Int? = nil) throws(ArchError) -> Architecture {
        architecture(try parseOrNamed(text), resolution: resolution ?? defaultResolution)
    }

    /// A uniformly random architecture.
    public func sample(using rng: inout SplitMix64) -> Encoding {
        Encoding(decisions.map { UInt8(rng.below($0.choices.count)) })
    }

    /// `count` uniformly random architectures from `seed`, identical across runs.
    public func sample(count: Int, seed: UInt64) -> [Encoding] {
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { _ in sample(using: &rng) }
    }

    /// Up to `count` *distinct* uniformly random architectures from `seed`, identical across runs
    /// (fewer only when the space is too small: sampling gives up after 100 × `count` draws).
    public func sampleDistinct(count: Int, seed: UInt64) -> [Encoding] {
        var rng = SplitMix64(seed: seed)
        var seen = Set<Encoding>()
        var result: [Encoding] = []
        var attempts = 0
        while result.count < count && attempts < 100 * count {
            attempts += 1
            let encoding = sample(using: &rng)
            if seen.insert(encoding).inserted { result.append(encoding) }
        }
        return result
    }

    /// A copy of `encoding` with exactly one decision changed to a different choice.
    public func mutate(_ encoding: Encoding, using rng: inout SplitMix64) -> Encoding {
        let mutable = decisions.indices.filter { decisions[$0].choices.count > 1 }
        var result = encoding
        let position = mutable[rng.below(mutable.count)]
        let options = decisions[position].choices.count
        let shift = 1 + rng.below(options - 1)
        result.choices[position] = UInt8((Int(encoding.choices[position]) + shift) % options)
        return result
    }

    /// The distinct layer configs the space can produce at `resolution`, deduplicated by
    /// ``LayerConfig/key`` and sorted by key.
    public func distinctLayers(resolution: Int? = nil) -> [LayerConfig] {
        let resolution = resolution ?? defaultResolution
        return DistinctLayerMemo.shared.layers(space: name, resolution: resolution) {
            var seen: [String: LayerConfig] = [:]
            for encoding in coveringEncodings(resolution: resolution) {
                for node in architecture(encoding, resolution: resolution).nodes {
                    let layer = node.layer
                    if seen[layer.key] == nil { seen[layer.key] = layer }
                }
            }
            return seen.keys.sorted().map { seen[$0]! }
        }
    }

    /// Checks that `encoding` has one valid choice per decision.
    public func validate(_ encoding: Encoding) throws(ArchError) {
        guard encoding.choices.count == decisions.count else {
            throw ArchError(.wrongCount, value: "\(encoding.choices.count) choices", location: "encoding",
                            allowed: "\(decisions.count) decisions")
        }
        for (i, choice) in encoding.choices.enumerated() where Int(choice) >= decisions[i].choices.count {
            throw ArchError(.unknownChoice, value: "\(choice)", location: decisions[i].name,
                            allowed: decisions[i].choices.joined(separator: ", "))
        }
    }
}

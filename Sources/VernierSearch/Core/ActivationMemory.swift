import Foundation
import VernierModel

/// Peak activation memory of each architecture's inference, MB (10⁶ bytes), from its graph at
/// the search's resolution (``Architecture/peakActivationBytes``: execution order, each tensor
/// freed after its last use). Computed once per architecture; the third objective and the
/// `--memory-budget-mb` constraint of a search.
public final class ActivationMemory {
    /// The space.
    public let space: any SearchSpace
    /// Input resolution.
    public let resolution: Int
    private var known: [Encoding: Double] = [:]

    /// Creates the source for `space` at `resolution`.
    public init(space: any SearchSpace, resolution: Int) {
        self.space = space
        self.resolution = resolution
    }

    /// Peak activation memory of `encoding`, MB.
    public func megabytes(_ encoding: Encoding) -> Double {
        if let value = known[encoding] { return value }
        let value = Double(space.architecture(encoding, resolution: resolution).peakActivationBytes) / 1e6
        known[encoding] = value
        return value
    }

    /// The smallest peak memory of the space and its arch, when the space can be enumerated.
    public func smallest() -> (arch: String, megabytes: Double)? {
        guard let all = space.enumerate() else { return nil }
        var best: (encoding: Encoding, megabytes: Double)?
        for encoding in all {
            let value = megabytes(encoding)
            if value < best?.megabytes ?? .infinity { best = (encoding, value) }
        }
        return best.map { (space.format($0.encoding), $0.megabytes) }
    }
}

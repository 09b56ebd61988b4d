import VernierModel

/// The seeded Fisher–Yates order of `0..<count` that train/test splits and folds use, so a seed
/// names the same split everywhere.
enum SeededShuffle {
    /// A permutation of `0..<count` drawn from `rng`.
    static func order(count: Int, rng: inout SplitMix64) -> [Int] {
        var order = Array(0..<count)
        for i in stride(from: count - 1, to: 0, by: -1) { order.swapAt(i, rng.below(i + 1)) }
        return order
    }
}

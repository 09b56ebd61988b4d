/// The accuracy–latency–memory front of some points inside a reference box, kept as one
/// accuracy–latency ``Staircase`` per memory level (the front of every point at or below that
/// memory), which is what the expected hypervolume improvement of a point with uncertain
/// accuracy needs: between two memory levels the improvement is a 2-D one.
struct Staircase3D: Sendable {
    /// The box's corner: accuracy floor, latency ceiling.
    let reference: ReferencePoint
    /// Memory ceiling, MB.
    let ceiling: Double
    private var points: [(accuracy: Double, latencyMs: Double, memoryMB: Double)] = []
    /// Distinct memories of the points, ascending.
    private var levels: [Double] = []
    /// `cumulative[j]`: the staircase of every point with memory ≤ `levels[j]`.
    private var cumulative: [Staircase] = []

    /// The front of `points` inside the box.
    init(reference: ReferencePoint, ceiling: Double, points: [(accuracy: Double, latencyMs: Double, memoryMB: Double)]) {
        self.reference = reference
        self.ceiling = ceiling
        self.points = points.filter { $0.accuracy > reference.accuracy && $0.latencyMs < reference.latencyMs && $0.memoryMB < ceiling }
        rebuild()
    }

    /// Adds a point (ignored outside the box).
    mutating func insert(accuracy: Double, latencyMs: Double, memoryMB: Double) {
        guard accuracy > reference.accuracy, latencyMs < reference.latencyMs, memoryMB < ceiling else { return }
        points.append((accuracy, latencyMs, memoryMB))
        rebuild()
    }

    private mutating func rebuild() {
        points.sort { $0.memoryMB < $1.memoryMB }
        levels = []
        cumulative = []
        var staircase = Staircase(reference: reference)
        for point in points {
            staircase.insert(accuracy: point.accuracy, latencyMs: point.latencyMs)
            if levels.last == point.memoryMB {
                cumulative[cumulative.count - 1] = staircase
            } else {
                levels.append(point.memoryMB)
                cumulative.append(staircase)
            }
        }
    }

    /// Index of the last level at or below `memoryMB`, or -1.
    private func level(atOrBelow memoryMB: Double) -> Int {
        var low = 0
        var high = levels.count
        while low < high {
            let middle = (low + high) / 2
            if levels[middle] <= memoryMB { low = middle + 1 } else { high = middle }
        }
        return low - 1
    }

    private func staircase(_ index: Int) -> Staircase { index >= 0 ? cumulative[index] : Staircase(reference: reference) }

    /// An upper bound of ``expectedImprovement(latencyMs:memoryMB:mean:sd:)``: the 2-D improvement
    /// over the front at the point's own memory (the front only grows with memory) times the
    /// memory left below the ceiling.
    func upperBound(latencyMs: Double, memoryMB: Double, mean: Double, sd: Double) -> Double {
        guard memoryMB < ceiling else { return 0 }
        return (ceiling - memoryMB) * ExpectedGain.hypervolume(over: staircase(level(atOrBelow: memoryMB)), latencyMs: latencyMs, mean: mean, sd: sd)
    }

    /// Expected hypervolume improvement of a point with exact latency and memory and accuracy
    /// `N(mean, sd²)`: the sum over the memory slabs above the point of slab thickness × the 2-D
    /// expected improvement over that slab's front.
    func expectedImprovement(latencyMs: Double, memoryMB: Double, mean: Double, sd: Double) -> Double {
        guard memoryMB < ceiling else { return 0 }
        var index = level(atOrBelow: memoryMB)
        var start = memoryMB
        var total = 0.0
        while true {
            let end = index + 1 < levels.count ? levels[index + 1] : ceiling
            if end > start {
                total += (end - start) * ExpectedGain.hypervolume(over: staircase(index), latencyMs: latencyMs, mean: mean, sd: sd)
            }
            guard index + 1 < levels.count else { break }
            index += 1
            start = end
        }
        return total
    }
}

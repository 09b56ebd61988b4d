/// The accuracy–latency–memory Pareto front (accuracy up, latency and peak memory down) and its
/// hypervolume, for searches that track memory (``Candidate/memoryMB``; a missing value counts as 0).
public enum ParetoFront3D {
    /// The non-dominated candidates, by latency ascending (then memory, then evaluation order).
    /// Of equal points the first evaluated is kept.
    public static func of(_ candidates: [Candidate]) -> [Candidate] {
        let sorted = candidates.sorted {
            ($0.latencyMs, $0.memoryMB ?? 0, -$0.accuracy, $0.index) < ($1.latencyMs, $1.memoryMB ?? 0, -$1.accuracy, $1.index)
        }
        var front: [Candidate] = []
        for candidate in sorted where !front.contains(where: { $0.dominates3D(candidate) || $0.isEqual3D(candidate) }) {
            front.append(candidate)
        }
        return front
    }

    /// The volume dominated by `candidates` inside the box bounded by `reference` (accuracy
    /// above it, latency and memory below it). Slices along memory: between consecutive memory
    /// levels the volume is a 2-D accuracy–latency hypervolume of the points at or below the
    /// slice, times the slice's thickness.
    /// - Parameter memoryMB: the memory ceiling (``ReferencePoint/memoryMB`` when it has one).
    public static func hypervolume(_ candidates: [Candidate], reference: ReferencePoint, memoryMB: Double) -> Double {
        let inside = of(candidates).filter {
            $0.accuracy > reference.accuracy && $0.latencyMs < reference.latencyMs && ($0.memoryMB ?? 0) < memoryMB
        }.sorted { ($0.memoryMB ?? 0, $0.index) < ($1.memoryMB ?? 0, $1.index) }
        var volume = 0.0
        var slice: [Candidate] = []
        var k = 0
        while k < inside.count {
            let level = inside[k].memoryMB ?? 0
            while k < inside.count && (inside[k].memoryMB ?? 0) == level {
                slice.append(inside[k])
                k += 1
            }
            let next = k < inside.count ? (inside[k].memoryMB ?? 0) : memoryMB
            volume += ParetoFront.hypervolume(slice, reference: reference) * (next - level)
        }
        return volume
    }
}

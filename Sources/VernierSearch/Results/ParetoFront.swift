/// The accuracy–latency Pareto front of a set of candidates and its hypervolume.
public enum ParetoFront {
    /// The non-dominated candidates (highest accuracy, lowest latency), sorted by latency
    /// ascending (so accuracy strictly ascends too). Of equal points the first evaluated is kept.
    public static func of(_ candidates: [Candidate]) -> [Candidate] {
        let sorted = candidates.sorted {
            ($0.latencyMs, -$0.accuracy, $0.index) < ($1.latencyMs, -$1.accuracy, $1.index)
        }
        var front: [Candidate] = []
        for candidate in sorted where front.last.map({ candidate.accuracy > $0.accuracy }) ?? true {
            front.append(candidate)
        }
        return front
    }

    /// The area dominated by `front` and bounded by `reference` (accuracy below, latency above):
    /// `Σ (accᵢ − acc_ref)·(latᵢ₊₁ − latᵢ)` over the staircase, points outside the box ignored.
    /// - Parameter front: any candidates; the front is taken first.
    public static func hypervolume(_ candidates: [Candidate], reference: ReferencePoint) -> Double {
        let inside = of(candidates).filter { $0.accuracy > reference.accuracy && $0.latencyMs < reference.latencyMs }
        var area = 0.0
        for (i, point) in inside.enumerated() {
            let nextLatency = i + 1 < inside.count ? inside[i + 1].latencyMs : reference.latencyMs
            area += (point.accuracy - reference.accuracy) * (nextLatency - point.latencyMs)
        }
        return area
    }
}

import VernierModel

/// Finds a backend's fusion rules the way nn-Meter does: times each ``FusionPair``'s first op,
/// second op and both together as small graphs, and calls the pair fused when running them
/// together saves more than half of the cheaper op. The three graphs are timed in turn for
/// several rounds and each takes its median over the rounds, so that the machine changing speed
/// between them does not pass for fusion.
public struct FusionDetector: Sendable {
    /// Backend under test.
    public let backend: any Backend
    /// Timing rules.
    public let harness: Harness
    /// The backend's fixed cost per graph call, ms, subtracted from every timing: T1 + T2 would
    /// otherwise pay it twice and T12 once, which looks like fusion for cheap ops.
    public let overheadMs: Double

    /// Creates a detector.
    public init(backend: any Backend, harness: Harness, overheadMs: Double = 0) {
        self.backend = backend
        self.harness = harness
        self.overheadMs = overheadMs
    }

    /// Times every pair (T1, T2, T12 as one-, one- and two-node graphs, in turn, `rounds` times).
    /// - Parameter progress: called after each pair with the number done.
    public func detect(_ pairs: [FusionPair] = FusionPair.standard, rounds: Int = 5,
                       progress: (Int) -> Void = { _ in }) throws -> [FusionResult] {
        var results: [FusionResult] = []
        for pair in pairs {
            var times: [[Double]] = [[], [], []]
            for _ in 0..<max(1, rounds) {
                for (index, graph) in [pair.firstAlone, pair.secondAlone, pair.together].enumerated() {
                    times[index].append(try time(graph))
                }
            }
            let (t1, t2, t12) = (SampleStatistics(times[0]).median, SampleStatistics(times[1]).median,
                                 SampleStatistics(times[2]).median)
            results.append(FusionResult(rule: pair.rule, shape: pair.first.input.description, t1Ms: t1, t2Ms: t2, t12Ms: t12))
            progress(results.count)
        }
        return results
    }

    /// Median ms of one graph call, less the backend's per-call overhead.
    func time(_ graph: Architecture) throws -> Double {
        let median = try backend.measure(architecture: graph, harness: harness, counters: nil).stats.median
        return max(median - overheadMs, median * 0.01)
    }
}

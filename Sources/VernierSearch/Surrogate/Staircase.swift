/// The accuracy–latency front of some points inside a reference box, as steps: latencies
/// ascending and, at each, the best accuracy reached at that latency or faster (strictly rising).
struct Staircase: Sendable {
    /// The box's corner: accuracy floor, latency ceiling.
    let reference: ReferencePoint
    /// Step latencies, ascending.
    private(set) var latencies: [Double] = []
    /// Step accuracies, strictly ascending.
    private(set) var accuracies: [Double] = []

    /// The staircase of `points` (accuracy, latency) inside the box.
    init(reference: ReferencePoint, points: [(accuracy: Double, latencyMs: Double)] = []) {
        self.reference = reference
        for point in points { insert(accuracy: point.accuracy, latencyMs: point.latencyMs) }
    }

    /// Adds a point, dropping the steps it dominates; a point outside the box or dominated
    /// changes nothing.
    mutating func insert(accuracy: Double, latencyMs: Double) {
        guard accuracy > reference.accuracy, latencyMs < reference.latencyMs else { return }
        // First step at or after this latency.
        var i = 0
        while i < latencies.count && latencies[i] < latencyMs { i += 1 }
        if i > 0 && accuracies[i - 1] >= accuracy { return }  // a faster step is at least as accurate
        if i < latencies.count && latencies[i] == latencyMs && accuracies[i] >= accuracy { return }
        var end = i
        while end < latencies.count && accuracies[end] <= accuracy { end += 1 }
        latencies.replaceSubrange(i..<end, with: [latencyMs])
        accuracies.replaceSubrange(i..<end, with: [accuracy])
    }
}

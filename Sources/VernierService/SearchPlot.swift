import VernierModel
import VernierSearch

/// What `GET /v1/search/{id}/plot.svg` draws for a finished search: the chart `search --plot`
/// writes (``ParetoPlot``: every evaluated arch, the Pareto front, the budget, the best arch and
/// the hypervolume reference corner), kept compactly. Evaluated points keep only their two
/// coordinates (16 bytes each, since the chart draws them without tooltips); the front and the
/// best arch keep their arch strings for the tooltips.
struct SearchPlot: Sendable {
    /// Chart title.
    var title: String
    /// The y-axis title.
    var accuracyLabel: String
    /// Latencies (ms) of the evaluated archs, in evaluation order.
    private(set) var latencies: [Double]
    /// Accuracies of the evaluated archs, in evaluation order.
    private(set) var accuracies: [Double]
    /// The Pareto front.
    var front: [Candidate]
    /// The latency budget, ms.
    var budgetMs: Double?
    /// The chosen arch.
    var best: Candidate?
    /// The hypervolume reference corner.
    var reference: ReferencePoint

    /// The plot of `result`, titled as `search --plot` titles it; `accuracy` is the accuracy spec
    /// as the request gave it (the result's has the server's search-data directory in it).
    init(_ result: SearchResult, accuracy: String) {
        title = ParetoPlot.searchTitle(space: result.space, strategy: result.strategy, accuracy: accuracy, latency: result.latency)
        accuracyLabel = ParetoPlot.accuracyLabel(accuracy)
        latencies = result.evaluated.map(\.latencyMs)
        accuracies = result.evaluated.map(\.accuracy)
        front = result.pareto
        budgetMs = result.objective.budgetMs
        best = result.best
        reference = result.referencePoint
    }

    /// Evaluated archs the plot holds.
    var pointCount: Int { latencies.count }

    /// Forgets the evaluated points, keeping the front, the budget and the best arch (what an
    /// older search's plot still shows once newer searches' points take the memory).
    mutating func dropPoints() {
        latencies = []
        accuracies = []
    }

    /// The SVG document.
    func svg() -> String {
        let empty = Encoding([])
        let points = latencies.indices.map { index in
            Candidate(encoding: empty, arch: "", accuracy: accuracies[index], latencyMs: latencies[index], index: index)
        }
        return ParetoPlot(title: title, accuracyLabel: accuracyLabel, points: points, front: front, budgetMs: budgetMs, best: best,
                          referencePoint: (reference.accuracy, reference.latencyMs)).svg()
    }
}

import Foundation
import VernierPlot

/// A self-contained SVG chart of a latency-budgeted architecture search: every evaluated
/// architecture as a faint dot (x = latency in ms, y = accuracy), the accuracy–latency Pareto front
/// as a staircase, the latency budget as a dashed vertical line, the chosen architecture as a star,
/// and, optionally, the hypervolume reference corner with the area the front dominates shaded.
///
/// Drawn with the shared plotting layer (VernierPlot): the standard 900×560 canvas, "nice" linear
/// axis ticks (1, 2 or 5 × 10ᵏ), a legend row listing only what is drawn, and hover tooltips
/// (`<title>`) on the front, the best point and the reference corner only, so a plot of tens of
/// thousands of points stays small: coordinates are written with at most one decimal. Candidates
/// with a NaN or infinite accuracy or latency are skipped, as is a non-finite budget. Every text is
/// XML-escaped. The output is a pure function of the input.
public struct ParetoPlot: Sendable {
    /// Chart title, drawn at the top.
    let title: String
    /// The y-axis title (the accuracy estimator's unit).
    let accuracyLabel: String
    /// Every evaluated architecture.
    let points: [Candidate]
    /// The Pareto front.
    let front: [Candidate]
    /// The latency budget, ms.
    let budgetMs: Double?
    /// The chosen architecture.
    let best: Candidate?
    /// Accuracy of the hypervolume reference corner.
    let referenceAccuracy: Double?
    /// Latency of the hypervolume reference corner, ms.
    let referenceLatencyMs: Double?

    /// The title `search --plot` and `GET /v1/search/{id}/plot.svg` give a search's plot:
    /// `<space> <strategy>: <accuracy> vs <latency>`.
    public static func searchTitle(space: String, strategy: String, accuracy: String, latency: String) -> String {
        "\(space) \(strategy): \(accuracy) vs \(latency)"
    }

    /// The y-axis title for an accuracy spec: a table's column (`table:FILE#COL` → `COL`), else the spec.
    public static func accuracyLabel(_ spec: String) -> String {
        if spec.hasPrefix("table:"), let hash = spec.lastIndex(of: "#") { return String(spec[spec.index(after: hash)...]) }
        return spec
    }

    /// Creates a plot.
    /// - Parameters:
    ///   - title: the chart title.
    ///   - accuracyLabel: the y-axis title, e.g. `"top-1 accuracy (%)"`.
    ///   - points: all evaluated candidates (drawn as faint dots, without tooltips).
    ///   - front: the Pareto front, normally ``ParetoFront/of(_:)`` (it is re-sorted by latency).
    ///   - budgetMs: the latency budget, drawn as a dashed line, or `nil`.
    ///   - best: the chosen candidate, drawn as a labelled star, or `nil`.
    ///   - referencePoint: the hypervolume reference corner (accuracy floor, latency ceiling), drawn
    ///     as a cross with the dominated area shaded, or `nil`.
    public init(
        title: String, accuracyLabel: String, points: [Candidate], front: [Candidate], budgetMs: Double?,
        best: Candidate?, referencePoint: (accuracy: Double, latencyMs: Double)? = nil
    ) {
        self.title = title
        self.accuracyLabel = accuracyLabel
        self.points = points
        self.front = front
        self.budgetMs = budgetMs
        self.best = best
        self.referenceAccuracy = referencePoint?.accuracy
        self.referenceLatencyMs = referencePoint?.latencyMs
    }

    // MARK: Style

    private static let area = PlotArea.standard
    private static let pointColor = "#7f7f7f"
    private static let frontColor = Palette.blue
    private static let budgetColor = "#d62728"
    private static let bestFill = "#ffb000"
    private static let bestStroke = "#6b4200"
    private static let referenceColor = "#333333"

    /// The whole SVG document.
    public func svg() -> String {
        let finite: (Candidate) -> Bool = { $0.accuracy.isFinite && $0.latencyMs.isFinite }
        let points = self.points.filter(finite)
        let front = self.front.filter(finite).sorted {
            ($0.latencyMs, $0.accuracy, $0.index) < ($1.latencyMs, $1.accuracy, $1.index)
        }
        let best = self.best.flatMap { finite($0) ? $0 : nil }
        let budget = budgetMs.flatMap { $0.isFinite ? $0 : nil }
        var reference: (accuracy: Double, latencyMs: Double)?
        if let a = referenceAccuracy, let l = referenceLatencyMs, a.isFinite, l.isFinite { reference = (a, l) }

        var latencies = points.map(\.latencyMs) + front.map(\.latencyMs)
        var accuracies = points.map(\.accuracy) + front.map(\.accuracy)
        if let best {
            latencies.append(best.latencyMs)
            accuracies.append(best.accuracy)
        }
        if let budget { latencies.append(budget) }
        if let reference {
            latencies.append(reference.latencyMs)
            accuracies.append(reference.accuracy)
        }
        let frame = ChartFrame(area: Self.area, x: Axis.linear(title: "latency (ms)", covering: latencies),
                               y: Axis.linear(title: accuracyLabel, covering: accuracies))
        let left = Self.area.left, right = Self.area.right, top = Self.area.top, bottom = Self.area.bottom
        let px = frame.px, py = frame.py
        let c = PlotNumber.coordinate
        let escape = XMLEscape.escape
        let value = PlotNumber.value
        let hasArea = reference.map { reference in
            front.contains { $0.accuracy > reference.accuracy && $0.latencyMs < reference.latencyMs }
        } ?? false

        var document = SVGDocument(area: Self.area, title: title,
                                   description: description(points: points.count, front: front.count, budget: budget,
                                                            best: best != nil, reference: reference != nil))
        document.reserveCapacity(2_000 + 48 * points.count + 160 * front.count)
        document.append(frame.axesMarkup())

        // Area dominated by the front inside the reference box, under everything else.
        if let reference {
            let inside = front.filter { $0.accuracy > reference.accuracy && $0.latencyMs < reference.latencyMs }
            if let first = inside.first {
                var d = "M\(c(px(first.latencyMs))),\(c(py(reference.accuracy)))"
                for (i, p) in inside.enumerated() {
                    let next = i + 1 < inside.count ? inside[i + 1].latencyMs : reference.latencyMs
                    d += "V\(c(py(p.accuracy)))H\(c(px(next)))"
                }
                d += "V\(c(py(reference.accuracy)))Z"
                document.append("<path class=\"hypervolume\" d=\"\(d)\" fill=\"\(Self.frontColor)\" fill-opacity=\"0.08\" stroke=\"none\"/>\n")
            }
        }

        // Every evaluated architecture.
        var evaluated = "<g class=\"evaluated\" fill=\"\(Self.pointColor)\" fill-opacity=\"0.35\">\n"
        for p in points { evaluated += "<circle cx=\"\(c(px(p.latencyMs)))\" cy=\"\(c(py(p.accuracy)))\" r=\"2\"/>\n" }
        document.append(evaluated + "</g>\n")

        // Budget.
        if let budget {
            let x = px(budget)
            var out = "<g class=\"budget\">\n"
            out += "<line x1=\"\(c(x))\" y1=\"\(c(top))\" x2=\"\(c(x))\" y2=\"\(c(bottom))\" stroke=\"\(Self.budgetColor)\""
            out += " stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>\n"
            let label = "budget \(value(budget)) ms"
            let nearRight = x + 6 + TextMetrics.width(label, fontSize: 12) > right - 4
            out += "<text x=\"\(c(nearRight ? x - 5 : x + 5))\" y=\"\(c(top + 15))\" text-anchor=\"\(nearRight ? "end" : "start")\""
            out += " fill=\"\(Self.budgetColor)\">\(escape(label))</text>\n"
            document.append(out + "</g>\n")
        }

        // Pareto front: staircase, then its points with tooltips.
        if !front.isEmpty {
            var d = ""
            for (i, p) in front.enumerated() {
                if i == 0 {
                    d += "M\(c(px(p.latencyMs))),\(c(py(p.accuracy)))"
                } else {
                    d += "H\(c(px(p.latencyMs)))V\(c(py(p.accuracy)))"
                }
            }
            var out = "<path class=\"front-line\" d=\"\(d)\" fill=\"none\" stroke=\"\(Self.frontColor)\" stroke-width=\"2\" stroke-linejoin=\"round\"/>\n"
            out += "<g class=\"front\" fill=\"\(Self.frontColor)\" stroke=\"#ffffff\" stroke-width=\"0.8\">\n"
            for p in front {
                out += MarkerShape.circle.markup(x: px(p.latencyMs), y: py(p.accuracy), size: 3.5, tooltip: Self.tooltip(p)) + "\n"
            }
            document.append(out + "</g>\n")
        }

        // Reference corner.
        if let reference {
            let x = px(reference.latencyMs), y = py(reference.accuracy)
            var out = "<g class=\"reference\" stroke=\"\(Self.referenceColor)\" stroke-width=\"2\">"
            out += "<path d=\"\(MarkerShape.cross.path(x: x, y: y, size: 5))\"/>"
            out += "<title>\(escape("hypervolume reference: \(value(reference.accuracy)) @ \(value(reference.latencyMs)) ms"))</title></g>\n"
            document.append(out)
        }

        // Best: a star with a short label, placed where no dominating point can be (up-left).
        if let best {
            let x = px(best.latencyMs), y = py(best.accuracy)
            var out = "<g class=\"best\">\n"
            out += MarkerShape.star.markup(x: x, y: y, size: 9,
                                           attributes: "fill=\"\(Self.bestFill)\" stroke=\"\(Self.bestStroke)\" stroke-width=\"1.2\"",
                                           tooltip: Self.tooltip(best)) + "\n"
            let label = "best: \(value(best.accuracy)) @ \(value(best.latencyMs)) ms"
            let labelWidth = TextMetrics.width(label, fontSize: 12)
            let toLeft = x - 12 - labelWidth >= left + 2
            let labelY = y - 10 - 12 >= top ? y - 10 : y + 22
            out += "<text x=\"\(c(toLeft ? x - 12 : x + 12))\" y=\"\(c(labelY))\" text-anchor=\"\(toLeft ? "end" : "start")\""
            out += " font-weight=\"bold\" fill=\"\(Self.bestStroke)\">\(escape(label))</text>\n"
            document.append(out + "</g>\n")
        }

        if points.isEmpty && front.isEmpty && best == nil {
            document.append("<text x=\"\(c((left + right) / 2))\" y=\"\(c((top + bottom) / 2))\" text-anchor=\"middle\" font-size=\"16\""
                + " fill=\"#666666\">no evaluated architectures</text>\n")
        }

        // Legend: one row between the title and the plot, listing only what is drawn.
        var legend = Legend()
        if !points.isEmpty {
            legend.entries.append(LegendEntry(.marker(.circle, color: Self.pointColor, size: 3, opacity: 0.6, outline: nil),
                                              "evaluated (\(points.count))"))
        }
        if !front.isEmpty {
            legend.entries.append(LegendEntry(.lineWithMarker(color: Self.frontColor, width: 2, dash: nil, shape: .circle, size: 3.5),
                                              "Pareto front (\(front.count))"))
        }
        if budget != nil {
            legend.entries.append(LegendEntry(.line(color: Self.budgetColor, width: 1.5, dash: "6 4"), "budget"))
        }
        if best != nil {
            legend.entries.append(LegendEntry(.marker(.star, color: Self.bestFill, size: 7, opacity: 1, outline: Self.bestStroke), "best"))
        }
        if reference != nil {
            let cross = LegendSwatch.filledMarker(.cross, color: Self.referenceColor, size: 4)
            legend.entries.append(hasArea
                ? LegendEntry(.pair(cross, .area(color: Self.frontColor, opacity: 0.15)), "reference / hypervolume")
                : LegendEntry(cross, "reference"))
        }
        document.append(legend.markup(placement: .aboveChart, area: Self.area))
        return document.rendered()
    }

    // MARK: Helpers

    /// The text alternative: what is drawn, in one sentence (it names the budget only when there is one).
    private func description(points: Int, front: Int, budget: Double?, best: Bool, reference: Bool) -> String {
        var parts = ["\(points) evaluated architectures as dots, accuracy against latency in ms"]
        if front > 0 { parts.append("the Pareto front of \(front) points as a staircase") }
        if let budget { parts.append("the latency budget of \(PlotNumber.value(budget)) ms as a dashed line") }
        if best { parts.append("the chosen architecture as a star") }
        if reference { parts.append("the hypervolume reference corner as a cross") }
        return parts.joined(separator: "; ") + "."
    }

    /// A tooltip: the architecture, then its accuracy and latency (escaped when drawn).
    private static func tooltip(_ p: Candidate) -> String {
        "\(p.arch)\naccuracy \(PlotNumber.value(p.accuracy)), latency \(PlotNumber.value(p.latencyMs)) ms (#\(p.index))"
    }
}

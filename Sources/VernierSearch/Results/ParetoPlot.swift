import Foundation

/// A self-contained SVG chart of a latency-budgeted architecture search: every evaluated
/// architecture as a faint dot (x = latency in ms, y = accuracy), the accuracy–latency Pareto front
/// as a staircase, the latency budget as a dashed vertical line, the chosen architecture as a star,
/// and, optionally, the hypervolume reference corner with the area the front dominates shaded.
///
/// The document has a fixed 900×560 canvas, "nice" axis ticks (1, 2 or 5 × 10ᵏ), a legend listing
/// only what is drawn, and hover tooltips (`<title>`) on the front, the best point and the
/// reference corner only, so a plot of tens of thousands of points stays small: coordinates are
/// written with at most one decimal. Candidates with a NaN or infinite accuracy or latency are
/// skipped, as is a non-finite budget. Every text is XML-escaped. The output is a pure function of
/// the input.
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

    // MARK: Layout

    private static let width = 900.0
    private static let height = 560.0
    private static let plotLeft = 84.0
    private static let plotRight = 872.0
    private static let plotTop = 72.0
    private static let plotBottom = 496.0

    private static let pointColor = "#7f7f7f"
    private static let frontColor = "#1f5fbf"
    private static let budgetColor = "#d62728"
    private static let bestFill = "#ffb000"
    private static let bestStroke = "#6b4200"
    private static let referenceColor = "#333333"

    /// One axis: its (padded) value range, tick values and the decimals their labels need.
    private struct Axis {
        var lo: Double
        var hi: Double
        var ticks: [Double]
        var decimals: Int
    }

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
        let xAxis = Self.axis(latencies)
        let yAxis = Self.axis(accuracies)
        let left = Self.plotLeft, right = Self.plotRight, top = Self.plotTop, bottom = Self.plotBottom
        let px: (Double) -> Double = { left + ($0 - xAxis.lo) / (xAxis.hi - xAxis.lo) * (right - left) }
        let py: (Double) -> Double = { bottom - ($0 - yAxis.lo) / (yAxis.hi - yAxis.lo) * (bottom - top) }
        let c = Self.coordinate

        var out = ""
        out.reserveCapacity(2_000 + 48 * points.count + 160 * front.count)
        out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(Self.width))\" height=\"\(Int(Self.height))\""
        out += " viewBox=\"0 0 \(Int(Self.width)) \(Int(Self.height))\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">\n"
        out += "<title>\(Self.escape(title))</title>\n"
        out += "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n"
        out += "<text x=\"\(c(Self.width / 2))\" y=\"30\" text-anchor=\"middle\" font-size=\"17\" font-weight=\"bold\">\(Self.escape(title))</text>\n"

        // Grid, frame, ticks and axis titles.
        out += "<g class=\"grid\" stroke=\"#e3e3e3\" stroke-width=\"1\">\n"
        for t in xAxis.ticks { out += "<line x1=\"\(c(px(t)))\" y1=\"\(c(top))\" x2=\"\(c(px(t)))\" y2=\"\(c(bottom))\"/>\n" }
        for t in yAxis.ticks { out += "<line x1=\"\(c(left))\" y1=\"\(c(py(t)))\" x2=\"\(c(right))\" y2=\"\(c(py(t)))\"/>\n" }
        out += "</g>\n"
        out += "<rect x=\"\(c(left))\" y=\"\(c(top))\" width=\"\(c(right - left))\" height=\"\(c(bottom - top))\" fill=\"none\" stroke=\"#555555\"/>\n"
        out += "<g class=\"tick-labels\" font-size=\"11\" fill=\"#333333\">\n"
        for t in xAxis.ticks {
            let label = Self.number(t, decimals: xAxis.decimals, trim: false)
            out += "<text x=\"\(c(px(t)))\" y=\"\(c(bottom + 16))\" text-anchor=\"middle\">\(label)</text>\n"
        }
        for t in yAxis.ticks {
            let label = Self.number(t, decimals: yAxis.decimals, trim: false)
            out += "<text x=\"\(c(left - 6))\" y=\"\(c(py(t) + 4))\" text-anchor=\"end\">\(label)</text>\n"
        }
        out += "</g>\n"
        out += "<text x=\"\(c((left + right) / 2))\" y=\"\(c(bottom + 44))\" text-anchor=\"middle\" font-size=\"13\">latency (ms)</text>\n"
        out += "<text transform=\"translate(20,\(c((top + bottom) / 2))) rotate(-90)\" text-anchor=\"middle\" font-size=\"13\">"
        out += "\(Self.escape(accuracyLabel))</text>\n"

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
                out += "<path class=\"hypervolume\" d=\"\(d)\" fill=\"\(Self.frontColor)\" fill-opacity=\"0.08\" stroke=\"none\"/>\n"
            }
        }

        // Every evaluated architecture.
        out += "<g class=\"evaluated\" fill=\"\(Self.pointColor)\" fill-opacity=\"0.35\">\n"
        for p in points { out += "<circle cx=\"\(c(px(p.latencyMs)))\" cy=\"\(c(py(p.accuracy)))\" r=\"2\"/>\n" }
        out += "</g>\n"

        // Budget.
        if let budget {
            let x = px(budget)
            out += "<g class=\"budget\">\n"
            out += "<line x1=\"\(c(x))\" y1=\"\(c(top))\" x2=\"\(c(x))\" y2=\"\(c(bottom))\" stroke=\"\(Self.budgetColor)\""
            out += " stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>\n"
            let label = "budget \(Self.value(budget)) ms"
            let nearRight = x + 6 + Self.textWidth(label, fontSize: 12) > right - 4
            out += "<text x=\"\(c(nearRight ? x - 5 : x + 5))\" y=\"\(c(top + 15))\" text-anchor=\"\(nearRight ? "end" : "start")\""
            out += " fill=\"\(Self.budgetColor)\">\(Self.escape(label))</text>\n"
            out += "</g>\n"
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
            out += "<path class=\"front-line\" d=\"\(d)\" fill=\"none\" stroke=\"\(Self.frontColor)\" stroke-width=\"2\" stroke-linejoin=\"round\"/>\n"
            out += "<g class=\"front\" fill=\"\(Self.frontColor)\" stroke=\"#ffffff\" stroke-width=\"0.8\">\n"
            for p in front {
                out += "<circle cx=\"\(c(px(p.latencyMs)))\" cy=\"\(c(py(p.accuracy)))\" r=\"3.5\"><title>\(Self.tooltip(p))</title></circle>\n"
            }
            out += "</g>\n"
        }

        // Reference corner.
        if let reference {
            let x = px(reference.latencyMs), y = py(reference.accuracy)
            out += "<g class=\"reference\" stroke=\"\(Self.referenceColor)\" stroke-width=\"2\">"
            out += "<path d=\"M\(c(x - 5)),\(c(y - 5))L\(c(x + 5)),\(c(y + 5))M\(c(x - 5)),\(c(y + 5))L\(c(x + 5)),\(c(y - 5))\"/>"
            out += "<title>\(Self.escape("hypervolume reference: \(Self.value(reference.accuracy)) @ \(Self.value(reference.latencyMs)) ms"))</title></g>\n"
        }

        // Best: a star with a short label, placed where no dominating point can be (up-left).
        if let best {
            let x = px(best.latencyMs), y = py(best.accuracy)
            out += "<g class=\"best\">\n"
            out += "<path d=\"\(Self.star(x: x, y: y, radius: 9))\" fill=\"\(Self.bestFill)\" stroke=\"\(Self.bestStroke)\" stroke-width=\"1.2\">"
            out += "<title>\(Self.tooltip(best))</title></path>\n"
            let label = "best: \(Self.value(best.accuracy)) @ \(Self.value(best.latencyMs)) ms"
            let labelWidth = Self.textWidth(label, fontSize: 12)
            let toLeft = x - 12 - labelWidth >= left + 2
            let labelY = y - 10 - 12 >= top ? y - 10 : y + 22
            out += "<text x=\"\(c(toLeft ? x - 12 : x + 12))\" y=\"\(c(labelY))\" text-anchor=\"\(toLeft ? "end" : "start")\""
            out += " font-weight=\"bold\" fill=\"\(Self.bestStroke)\">\(Self.escape(label))</text>\n"
            out += "</g>\n"
        }

        if points.isEmpty && front.isEmpty && best == nil {
            out += "<text x=\"\(c((left + right) / 2))\" y=\"\(c((top + bottom) / 2))\" text-anchor=\"middle\" font-size=\"16\""
            out += " fill=\"#666666\">no evaluated architectures</text>\n"
        }

        // Legend: one row between the title and the plot.
        out += "<g class=\"legend\">\n"
        var lx = left
        let ly = 54.0
        if !points.isEmpty {
            out += "<circle cx=\"\(c(lx + 6))\" cy=\"\(c(ly - 4))\" r=\"3\" fill=\"\(Self.pointColor)\" fill-opacity=\"0.6\"/>"
            let label = "evaluated (\(points.count))"
            out += "<text x=\"\(c(lx + 15))\" y=\"\(c(ly))\">\(Self.escape(label))</text>\n"
            lx += 15 + Self.textWidth(label, fontSize: 12) + 22
        }
        if !front.isEmpty {
            out += "<line x1=\"\(c(lx))\" y1=\"\(c(ly - 4))\" x2=\"\(c(lx + 22))\" y2=\"\(c(ly - 4))\" stroke=\"\(Self.frontColor)\" stroke-width=\"2\"/>"
            out += "<circle cx=\"\(c(lx + 11))\" cy=\"\(c(ly - 4))\" r=\"3.5\" fill=\"\(Self.frontColor)\"/>"
            let label = "Pareto front (\(front.count))"
            out += "<text x=\"\(c(lx + 28))\" y=\"\(c(ly))\">\(Self.escape(label))</text>\n"
            lx += 28 + Self.textWidth(label, fontSize: 12) + 22
        }
        if budget != nil {
            out += "<line x1=\"\(c(lx))\" y1=\"\(c(ly - 4))\" x2=\"\(c(lx + 22))\" y2=\"\(c(ly - 4))\" stroke=\"\(Self.budgetColor)\""
            out += " stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>"
            out += "<text x=\"\(c(lx + 28))\" y=\"\(c(ly))\">budget</text>\n"
            lx += 28 + Self.textWidth("budget", fontSize: 12) + 22
        }
        if best != nil {
            out += "<path d=\"\(Self.star(x: lx + 7, y: ly - 4, radius: 7))\" fill=\"\(Self.bestFill)\" stroke=\"\(Self.bestStroke)\" stroke-width=\"1\"/>"
            out += "<text x=\"\(c(lx + 18))\" y=\"\(c(ly))\">best</text>\n"
            lx += 18 + Self.textWidth("best", fontSize: 12) + 22
        }
        if let reference {
            let x = lx + 6, y = ly - 4
            out += "<path d=\"M\(c(x - 4)),\(c(y - 4))L\(c(x + 4)),\(c(y + 4))M\(c(x - 4)),\(c(y + 4))L\(c(x + 4)),\(c(y - 4))\""
            out += " stroke=\"\(Self.referenceColor)\" stroke-width=\"2\"/>"
            let hasArea = front.contains { $0.accuracy > reference.accuracy && $0.latencyMs < reference.latencyMs }
            let label = hasArea ? "reference / hypervolume" : "reference"
            if hasArea {
                out += "<rect x=\"\(c(lx + 15))\" y=\"\(c(ly - 10))\" width=\"12\" height=\"12\" fill=\"\(Self.frontColor)\" fill-opacity=\"0.15\"/>"
            }
            out += "<text x=\"\(c(lx + (hasArea ? 32 : 15)))\" y=\"\(c(ly))\">\(label)</text>\n"
        }
        out += "</g>\n"
        out += "</svg>\n"
        return out
    }

    // MARK: Helpers

    /// The axis for `values`: their range widened by 5 % on each side (a degenerate range first
    /// widened around its centre), not below zero when all values are positive, with ticks at
    /// multiples of a 1/2/5 × 10ᵏ step.
    private static func axis(_ values: [Double]) -> Axis {
        guard let min = values.min(), let max = values.max() else { return ticked(lo: 0, hi: 1) }
        var lo = min, hi = max
        if !(hi - lo > 1e-9 * Swift.max(abs(lo), abs(hi))) {
            let centre = lo / 2 + hi / 2
            if centre == 0 {
                lo = 0
                hi = 1
            } else {
                lo = centre - abs(centre) * 0.05
                hi = centre + abs(centre) * 0.05
            }
        }
        let pad = (hi - lo) * 0.05
        lo -= pad
        hi += pad
        if min > 0 && lo < 0 { lo = 0 }
        guard lo.isFinite, hi.isFinite, hi - lo > 0, (hi - lo).isFinite else { return ticked(lo: 0, hi: 1) }
        return ticked(lo: lo, hi: hi)
    }

    /// An axis over `lo...hi` with ticks at the largest 1/2/5 × 10ᵏ step that still gives at least
    /// five of them (so five to about a dozen).
    private static func ticked(lo: Double, hi: Double) -> Axis {
        let exponent = floor(log10(hi - lo))
        guard exponent.isFinite, abs(exponent) < 300 else { return Axis(lo: lo, hi: hi, ticks: [], decimals: 0) }
        var fallback = Axis(lo: lo, hi: hi, ticks: [], decimals: 0)
        for e in stride(from: Int(exponent), through: Int(exponent) - 2, by: -1) {
            for m in [5.0, 2.0, 1.0] {
                let step = m * pow(10, Double(e))
                let first = (lo / step - 1e-9).rounded(.up), last = (hi / step + 1e-9).rounded(.down)
                guard step > 0, step.isFinite, first.isFinite, last.isFinite, abs(first) < 1e15, abs(last) < 1e15,
                    first <= last, last - first < 100
                else { continue }
                let ticks = (Int(first)...Int(last)).map { Double($0) * step }
                fallback = Axis(lo: lo, hi: hi, ticks: ticks, decimals: Swift.max(0, -e))
                if ticks.count >= 5 { return fallback }
            }
        }
        return fallback
    }

    private static let powersOfTen: [Double] = (0...12).map { pow(10, Double($0)) }

    /// `v` with `decimals` (0–12) decimals, locale-independent, trailing zeros dropped when `trim`;
    /// a non-finite value prints as 0.
    private static func number(_ v: Double, decimals: Int, trim: Bool = true) -> String {
        guard v.isFinite else { return "0" }
        let d = Swift.min(Swift.max(decimals, 0), 12)
        let scale = powersOfTen[d]
        let scaled = (abs(v) * scale).rounded()
        guard scaled < 9e15 else { return String(format: "%.6g", v) }
        let n = UInt64(scaled), divisor = UInt64(scale)
        var text = (v < 0 && n != 0 ? "-" : "") + String(n / divisor)
        if d > 0 {
            var fraction = String(n % divisor)
            fraction = String(repeating: "0", count: d - fraction.count) + fraction
            if trim { while fraction.last == "0" { fraction.removeLast() } }
            if !fraction.isEmpty { text += "." + fraction }
        }
        return text
    }

    /// A pixel coordinate: one decimal, clamped to a sane range.
    private static func coordinate(_ v: Double) -> String {
        number(Swift.min(Swift.max(v, -100_000), 100_000), decimals: 1)
    }

    /// A data value for labels: two decimals, four significant digits below 1, exponent notation
    /// for magnitudes outside 10⁻⁵…10⁹.
    private static func value(_ v: Double) -> String {
        let a = abs(v)
        if a.isFinite, a >= 1e9 || (a > 0 && a < 1e-5) { return String(format: "%.4g", v) }
        guard a > 0, a < 1 else { return number(v, decimals: 2) }
        return number(v, decimals: Swift.min(8, Swift.max(2, 3 - Int(floor(log10(a))))))
    }

    /// A tooltip: the architecture, then its accuracy and latency (escaped).
    private static func tooltip(_ p: Candidate) -> String {
        escape("\(p.arch)\naccuracy \(value(p.accuracy)), latency \(value(p.latencyMs)) ms (#\(p.index))")
    }

    /// A rough width of `text` in a sans-serif font, for placing labels.
    private static func textWidth(_ text: String, fontSize: Double) -> Double {
        Double(text.count) * fontSize * 0.56
    }

    /// A five-pointed star path centred at (x, y).
    private static func star(x: Double, y: Double, radius: Double) -> String {
        var d = ""
        for k in 0..<10 {
            let r = k % 2 == 0 ? radius : radius * 0.45
            let angle = Double.pi / 5 * Double(k) - Double.pi / 2
            d += (k == 0 ? "M" : "L") + coordinate(x + r * cos(angle)) + "," + coordinate(y + r * sin(angle))
        }
        return d + "Z"
    }

    /// `text` with XML's special characters escaped and characters XML 1.0 forbids replaced by U+FFFD.
    private static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                let v = scalar.value
                if v < 0x20 || v == 0xFFFE || v == 0xFFFF {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}

import VernierPlot
import VernierProfiler

/// Two LUTs entry by entry as an SVG scatter on log-log axes (both axes share one range): one
/// point per key the two tables share, at A's median (x) and B's median (y), one marker per op
/// kind, with the y = x line and the ±10 % band around it. The axes are named after the two sides
/// (file, device, backend); the legend counts the points of each op kind and the keys only one
/// side has. The output is a pure function of the input.
public struct LUTComparisonPlot: Sendable {
    /// The reference table (A, x axis).
    public let first: LUTFile
    /// The other table (B, y axis).
    public let second: LUTFile
    /// What A is called (its file).
    public let firstName: String
    /// What B is called (its file).
    public let secondName: String

    /// Above this many common keys points carry no tooltips (the file stays small).
    public static let tooltipLimit = 2_000

    /// Creates a plot of `b` against the reference `a`, naming them `names`.
    public init(_ a: LUTFile, _ b: LUTFile, names: (first: String, second: String)) {
        first = a
        second = b
        firstName = names.first
        secondName = names.second
    }

    /// The whole SVG document.
    public func svg() -> String {
        let common = Set(first.entries.keys).intersection(second.entries.keys).sorted()
        var items: [(category: String, point: PlotPoint)] = []
        var relative: [Double] = []
        let withTooltips = common.count <= Self.tooltipLimit
        for key in common {
            guard let a = first.entries[key], let b = second.entries[key] else { continue }
            let x = a.stats.medianMs, y = b.stats.medianMs
            guard x.isFinite, x > 0, y.isFinite, y > 0 else { continue }
            relative.append(abs(y - x) / x)
            var tooltip: String?
            if withTooltips {
                tooltip = "\(key)\nA \(PlotNumber.value(x)) ms, B \(PlotNumber.value(y)) ms (B/A \(PlotNumber.fixed(y / x, decimals: 3)))"
            }
            items.append((category: a.op, point: PlotPoint(x: x, y: y, tooltip: tooltip)))
        }
        let values = items.flatMap { [$0.point.x, $0.point.y] }
        let axis = Axis.logarithmic(title: "A: \(Self.side(firstName, first)), median (ms)", covering: values)
        let frame = ChartFrame(x: axis, y: axis.titled("B: \(Self.side(secondName, second)), median (ms)"))

        let band = BandSeries.tolerance(0.10, over: axis)
        let identity = LineSeries.identity(over: axis)
        let series = PointSeries.byCategory(items, prefix: "entries", size: 3, opacity: 0.75) { op, count in
            "\(op) (\(count))"
        }
        var marks: [ChartMark] = [.band(band), .line(identity)]
        var legend = Legend()
        for one in series {
            marks.append(.points(one))
            legend.entries.append(LegendEntry(one.swatch, one.label))
        }
        legend.entries.append(LegendEntry(identity.swatch, identity.label))
        legend.entries.append(LegendEntry(band.swatch, band.label))
        let onlyFirst = first.entries.count - common.count, onlySecond = second.entries.count - common.count
        if onlyFirst > 0 || onlySecond > 0 {
            legend.entries.append(LegendEntry(.blank, "not in both: \(onlyFirst) only in A, \(onlySecond) only in B"))
        }
        let skipped = common.count - items.count
        if skipped > 0 { legend.entries.append(LegendEntry(.blank, "\(skipped) with a zero median: not drawn")) }

        var subtitle: String?
        if !relative.isEmpty {
            let sorted = relative.sorted()
            let median = sorted[(sorted.count - 1) / 2]
            let within = Double(sorted.filter { $0 <= 0.10 }.count) / Double(sorted.count)
            subtitle = "\(items.count) common entries, log-log: |B − A| / A median \(PlotNumber.fixed(100 * median, decimals: 1)) %, "
                + "\(PlotNumber.fixed(100 * within, decimals: 1)) % within ±10 %"
        }
        let title = "LUT comparison: \(first.device) \(first.backend) vs \(second.device) \(second.backend)"
        let description = "Median latency in ms of each layer key in both LUTs on log-log axes, A = \(firstName) "
            + "(device \(first.device), backend \(first.backend), space \(first.space)) across, B = \(secondName) "
            + "(device \(second.device), backend \(second.backend), space \(second.space)) up: \(items.count) entries, "
            + "the line y = x and the band within 10 percent of it."
        let chart = Chart(title: title, description: description, subtitle: subtitle, frame: frame, marks: marks,
                          legend: legend, legendPlacement: .insideTopLeft, emptyMessage: "no common entries to compare")
        return chart.svg()
    }

    /// An axis name: the file (its last 40 characters when longer), then device and backend.
    static func side(_ name: String, _ file: LUTFile) -> String {
        let shown = name.count > 40 ? "…" + String(name.suffix(39)) : name
        return "\(shown) (\(file.device), \(file.backend))"
    }
}

import VernierModel
import VernierPlot

/// The roofline of a device as an SVG chart on log-log axes (x: arithmetic intensity, FLOP/byte;
/// y: GFLOP/s): the all-core compute peak as a solid ceiling and the one-core peak dashed, one
/// bandwidth ceiling y = min(all-core peak, bandwidth × x) per memory level of the profile (L1,
/// L2, L3, DRAM, DRAM all threads, then any other level by name), and the layers of a space as
/// points (one marker per op kind) at their arithmetic intensity and achieved GFLOP/s. The legend,
/// right of the chart, gives each ceiling's figure and says how many layers could not be placed.
/// The output is a pure function of the input.
public struct RooflinePlot: Sendable {
    /// Chart title.
    public let title: String
    /// The device's roofline.
    public let roofline: Roofline
    /// The layers to place.
    public let layers: [RooflineLayerPoint]
    /// Layers of the space without a LUT entry (said in the legend).
    public let missing: Int
    /// Layers with an entry that cannot be placed: no FLOPs or a zero time (said in the legend).
    public let unplaceable: Int

    /// Above this many layers, points carry no tooltips (the file stays small).
    public static let tooltipLimit = 2_000

    /// The order in which the profile's memory levels are drawn; other levels follow by name.
    public static let levelOrder = ["L1", "L2", "L3", "DRAM", "DRAM all threads"]

    /// Creates a plot.
    /// - Parameters:
    ///   - title: the chart title.
    ///   - roofline: the device's roofline (compute peaks and bandwidth per level).
    ///   - layers: the layers to place; those that are not ``RooflineLayerPoint/isPlaceable`` are
    ///     counted with `unplaceable`.
    ///   - missing: layers of the space that have no LUT entry.
    ///   - unplaceable: layers with an entry that cannot be placed.
    public init(title: String, roofline: Roofline, layers: [RooflineLayerPoint], missing: Int = 0, unplaceable: Int = 0) {
        self.title = title
        self.roofline = roofline
        self.layers = layers
        self.missing = missing
        self.unplaceable = unplaceable
    }

    /// The bandwidth levels to draw, in ``levelOrder`` then by name, with a positive finite bandwidth.
    public var levels: [(name: String, gbs: Double)] {
        let known = Self.levelOrder.filter { roofline.bandwidthGBs[$0] != nil }
        let others = roofline.bandwidthGBs.keys.filter { !Self.levelOrder.contains($0) }.sorted()
        return (known + others).compactMap { name in
            guard let gbs = roofline.bandwidthGBs[name], gbs.isFinite, gbs > 0 else { return nil }
            return (name: name, gbs: gbs)
        }
    }

    /// The whole SVG document.
    public func svg() -> String {
        let chart = self.chart()
        return chart.svg()
    }

    /// The chart the document draws.
    func chart() -> Chart {
        let peak = roofline.peakGflopsAllCores
        let hasPeak = peak.isFinite && peak > 0
        let onePeak = roofline.peakGflopsOneCore
        let hasOnePeak = onePeak.isFinite && onePeak > 0
        let levels = self.levels
        let placed = layers.filter { $0.isPlaceable && $0.gflops.isFinite && $0.gflops > 0 }
        let skipped = unplaceable + (layers.count - placed.count)

        // Domains: every layer, every ridge (where a bandwidth ceiling meets the roof) with room
        // on both sides, and the peaks.
        let ridges = hasPeak ? levels.map { peak / $0.gbs } : []
        var xs = placed.map(\.arithmeticIntensity) + ridges
        if let lowest = ridges.min(), let highest = ridges.max() { xs += [lowest / 2, highest * 2] }
        let x = Axis.logarithmic(title: "arithmetic intensity (FLOP/byte)", covering: xs)
        var ys = placed.map(\.gflops)
        if hasPeak { ys.append(peak) }
        if hasOnePeak { ys.append(onePeak) }
        if placed.isEmpty, let slowest = levels.map({ $0.gbs }).min() { ys.append(slowest * x.lo) }
        let frame = ChartFrame(area: PlotArea.standard.withLegendColumn(230), x: x,
                               y: Axis.logarithmic(title: "performance (GFLOP/s)", covering: ys))

        var marks: [ChartMark] = []
        var legend = Legend()
        if hasPeak {
            let line = LineSeries(name: "ceiling compute all-cores", label: "peak, \(roofline.threads) threads: \(PlotNumber.value(peak)) GFLOP/s",
                                  color: Palette.ink, width: 2.2,
                                  points: [PlotPoint(x: x.lo, y: peak), PlotPoint(x: x.hi, y: peak)])
            marks.append(.line(line))
            legend.entries.append(LegendEntry(line.swatch, line.label))
        }
        if hasOnePeak {
            let line = LineSeries(name: "ceiling compute one-core", label: "peak, 1 core: \(PlotNumber.value(onePeak)) GFLOP/s",
                                  color: Palette.ink, width: 1.5, dash: "6 4",
                                  points: [PlotPoint(x: x.lo, y: onePeak), PlotPoint(x: x.hi, y: onePeak)])
            marks.append(.line(line))
            legend.entries.append(LegendEntry(line.swatch, line.label))
        }
        let levelColors = [Palette.teal, Palette.brown, Palette.magenta, Palette.grey, Palette.purple, Palette.red]
        for (i, level) in levels.enumerated() {
            let roof = hasPeak ? peak : Double.infinity
            var corners = [x.lo]
            if hasPeak, x.lo < roof / level.gbs, roof / level.gbs < x.hi { corners.append(roof / level.gbs) }
            corners.append(x.hi)
            let line = LineSeries(name: "ceiling bandwidth", label: "\(level.name): \(PlotNumber.value(level.gbs)) GB/s",
                                  color: levelColors[i % levelColors.count], width: 1.6,
                                  dash: level.name.contains("all threads") ? "2 3" : nil,
                                  points: corners.map { PlotPoint(x: $0, y: Swift.min(roof, level.gbs * $0)) })
            marks.append(.line(line))
            legend.entries.append(LegendEntry(line.swatch, line.label))
        }

        let withTooltips = placed.count <= Self.tooltipLimit
        let series = PointSeries.byCategory(placed.map { layer in
            (category: layer.op, point: PlotPoint(x: layer.arithmeticIntensity, y: layer.gflops,
                                                  tooltip: withTooltips ? Self.tooltip(layer) : nil))
        }, prefix: "layers", size: 3.2, opacity: 0.8) { op, count in "\(op) (\(count) \(count == 1 ? "layer" : "layers"))" }
        for one in series {
            marks.append(.points(one))
            legend.entries.append(LegendEntry(one.swatch, one.label))
        }
        if missing > 0 { legend.entries.append(LegendEntry(.blank, "\(missing) without a LUT entry: not drawn")) }
        if skipped > 0 { legend.entries.append(LegendEntry(.blank, "\(skipped) without FLOPs or time: not drawn")) }

        var subtitle: String?
        if roofline.ridgeFlopsPerByte.isFinite && roofline.ridgeFlopsPerByte > 0 {
            subtitle = "ridge point \(PlotNumber.value(roofline.ridgeFlopsPerByte)) FLOP/byte (all-core peak / all-thread DRAM bandwidth)"
        }
        let description = "Roofline on log-log axes, arithmetic intensity in FLOP per byte against GFLOP/s: "
            + "\(hasPeak ? 1 : 0) all-core and \(hasOnePeak ? 1 : 0) one-core compute ceiling, "
            + "\(levels.count) bandwidth ceilings (\(levels.map { $0.name }.joined(separator: ", "))), "
            + "\(placed.count) layers placed by their LUT time; \(missing) without an entry and \(skipped) without FLOPs or time are not drawn."
        return Chart(title: title, description: description, subtitle: subtitle, frame: frame, marks: marks, legend: legend,
                     legendPlacement: .right, emptyMessage: "no layer with a LUT entry to place")
    }

    /// A layer's tooltip: its key, then where it sits.
    static func tooltip(_ layer: RooflineLayerPoint) -> String {
        "\(layer.key)\n\(PlotNumber.value(layer.arithmeticIntensity)) FLOP/byte, \(PlotNumber.value(layer.gflops)) GFLOP/s"
            + " (\(PlotNumber.value(layer.medianMs)) ms)"
    }
}

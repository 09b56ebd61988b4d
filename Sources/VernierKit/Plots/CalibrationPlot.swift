import VernierPlot
import VernierPredict

/// Predicted against measured latency of a calibration as an SVG scatter on log-log axes (both
/// axes share one range, so the y = x line is the diagonal): the ±10 % band around y = x shaded,
/// the line dashed, held-out archs as blue circles and training archs (in-sample predictions of
/// the same model) as orange triangles on top. The subtitle and legend give the held-out MAPE and
/// the share of each set within ±10 %. The output is a pure function of the input.
public struct CalibrationPlot: Sendable {
    /// Chart title.
    public let title: String
    /// The model on its training archs.
    public let training: [CalibrationPrediction]
    /// The model on the held-out archs.
    public let heldOut: [CalibrationPrediction]

    /// Above this many points a set carries no tooltips (the file stays small).
    public static let tooltipLimit = 2_000

    /// The band drawn around y = x, as a fraction.
    public static let tolerance = 0.10

    /// Creates a plot.
    public init(title: String, training: [CalibrationPrediction], heldOut: [CalibrationPrediction]) {
        self.title = title
        self.training = training
        self.heldOut = heldOut
    }

    /// The whole SVG document.
    public func svg() -> String {
        let placeable: (CalibrationPrediction) -> Bool = {
            $0.measuredMs.isFinite && $0.measuredMs > 0 && $0.predictedMs.isFinite && $0.predictedMs > 0
        }
        let training = self.training.filter(placeable)
        let heldOut = self.heldOut.filter(placeable)
        let all = training + heldOut
        let axis = Axis.logarithmic(title: "measured latency (ms)", covering: all.map(\.measuredMs) + all.map(\.predictedMs))
        let frame = ChartFrame(x: axis, y: axis.titled("predicted latency (ms)"))

        let band = BandSeries.tolerance(Self.tolerance, over: axis)
        let identity = LineSeries.identity(over: axis)
        let heldOutSeries = PointSeries(name: "held-out", label: "held out: \(Self.summary(heldOut))", shape: .circle,
                                        color: Palette.blue, size: 2.6, opacity: 0.55,
                                        points: Self.points(heldOut))
        let trainingSeries = PointSeries(name: "training", label: "training: \(Self.summary(training))", shape: .triangle,
                                         color: Palette.orange, size: 2.8, opacity: 0.8,
                                         points: Self.points(training))
        var legend = Legend()
        if !heldOut.isEmpty { legend.entries.append(LegendEntry(heldOutSeries.swatch, heldOutSeries.label)) }
        if !training.isEmpty { legend.entries.append(LegendEntry(trainingSeries.swatch, trainingSeries.label)) }
        legend.entries.append(LegendEntry(identity.swatch, identity.label))
        legend.entries.append(LegendEntry(band.swatch, band.label))
        let skipped = self.training.count + self.heldOut.count - all.count
        if skipped > 0 { legend.entries.append(LegendEntry(.blank, "\(skipped) without a positive latency: not drawn")) }

        var subtitle: String?
        if !heldOut.isEmpty {
            let mape = PlotNumber.fixed(100 * Self.meanRelativeError(heldOut), decimals: 2)
            let within = PlotNumber.fixed(100 * Self.shareWithin(heldOut), decimals: 1)
            subtitle = "log-log; held out: MAPE \(mape) %, \(within) % within ±10 %"
        }
        let description = "Predicted against measured latency in ms on log-log axes: \(heldOut.count) held-out archs as circles, "
            + "\(training.count) training archs as triangles, the line y = x and the band within 10 percent of it."
        let chart = Chart(title: title, description: description, subtitle: subtitle, frame: frame,
                          marks: [.band(band), .line(identity), .points(heldOutSeries), .points(trainingSeries)],
                          legend: legend, legendPlacement: .insideTopLeft, emptyMessage: "no calibration points")
        return chart.svg()
    }

    /// The points of a set (x measured, y predicted), with tooltips when the set is small enough.
    static func points(_ predictions: [CalibrationPrediction]) -> [PlotPoint] {
        let withTooltips = predictions.count <= tooltipLimit
        return predictions.map { prediction in
            var tooltip: String?
            if withTooltips {
                tooltip = "\(prediction.arch)\nmeasured \(PlotNumber.value(prediction.measuredMs)) ms, "
                    + "predicted \(PlotNumber.value(prediction.predictedMs)) ms"
            }
            return PlotPoint(x: prediction.measuredMs, y: prediction.predictedMs, tooltip: tooltip)
        }
    }

    /// `N archs, X % within ±10 %`.
    static func summary(_ predictions: [CalibrationPrediction]) -> String {
        "\(predictions.count) archs, \(PlotNumber.fixed(100 * shareWithin(predictions), decimals: 1)) % within ±10 %"
    }

    /// Mean |predicted − measured| / measured (0 for no predictions).
    static func meanRelativeError(_ predictions: [CalibrationPrediction]) -> Double {
        guard !predictions.isEmpty else { return 0 }
        return predictions.map { abs($0.predictedMs - $0.measuredMs) / $0.measuredMs }.reduce(0, +) / Double(predictions.count)
    }

    /// Share of predictions within ``tolerance`` of the measurement (0 for no predictions).
    static func shareWithin(_ predictions: [CalibrationPrediction]) -> Double {
        guard !predictions.isEmpty else { return 0 }
        let within = predictions.filter { abs($0.predictedMs - $0.measuredMs) / $0.measuredMs <= tolerance }.count
        return Double(within) / Double(predictions.count)
    }
}

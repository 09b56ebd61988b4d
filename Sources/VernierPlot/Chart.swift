/// A complete chart: heading, axes, marks and legend, rendered as a standalone SVG document.
///
/// The output is a pure function of the chart: coordinates carry at most one decimal, points and
/// vertices that the axes cannot place (non-finite, or not positive on a logarithmic axis) are
/// skipped, and every text is XML-escaped.
public struct Chart: Sendable, Hashable {
    /// The heading, `<title>` and `aria-label`.
    public var title: String
    /// The text alternative (`<desc>`): what the chart shows, in a sentence or two.
    public var description: String
    /// A line under the heading (e.g. summary figures), if any.
    public var subtitle: String?
    /// Geometry and axes.
    public var frame: ChartFrame
    /// The marks, drawn in order (later ones on top).
    public var marks: [ChartMark]
    /// The legend (list only what is drawn).
    public var legend: Legend
    /// Where the legend goes; a row above the chart gives way to a subtitle (the legend then
    /// goes inside, top left).
    public var legendPlacement: LegendPlacement
    /// Text shown in the middle of the data rectangle when no point series has a point to draw.
    public var emptyMessage: String?

    /// The `id` of the clip path of the data rectangle.
    public static let clipID = "vernier-plot-area"

    /// Creates a chart.
    public init(title: String, description: String, subtitle: String? = nil, frame: ChartFrame, marks: [ChartMark],
                legend: Legend = Legend(), legendPlacement: LegendPlacement = .insideTopLeft, emptyMessage: String? = nil) {
        self.title = title
        self.description = description
        self.subtitle = subtitle
        self.frame = frame
        self.marks = marks
        self.legend = legend
        self.legendPlacement = legendPlacement
        self.emptyMessage = emptyMessage
    }

    /// The whole SVG document.
    public func svg() -> String {
        let area = frame.area
        var document = SVGDocument(area: area, title: title, description: description, subtitle: subtitle)
        document.append(frame.axesMarkup())
        if marks.contains(where: \.isClipped) { document.append(frame.clipPathMarkup(id: Self.clipID)) }
        var clipped = false
        var anyPoint = false
        for mark in marks {
            let markup = mark.markup(in: frame)
            guard !markup.isEmpty else { continue }
            if case .points = mark { anyPoint = true }
            if mark.isClipped != clipped {
                document.append(clipped ? "</g>\n" : "<g class=\"clipped\" clip-path=\"url(#\(Self.clipID))\">\n")
                clipped = mark.isClipped
            }
            document.append(markup)
        }
        if clipped { document.append("</g>\n") }
        if let emptyMessage, !anyPoint {
            let c = PlotNumber.coordinate
            document.append("<text class=\"empty\" x=\"\(c((area.left + area.right) / 2))\" y=\"\(c((area.top + area.bottom) / 2))\""
                + " text-anchor=\"middle\" font-size=\"16\" fill=\"\(Palette.grey)\">\(XMLEscape.escape(emptyMessage))</text>\n")
        }
        if !legend.entries.isEmpty {
            let placement: LegendPlacement = legendPlacement == .aboveChart && subtitle != nil ? .insideTopLeft : legendPlacement
            document.append(legend.markup(placement: placement, area: area))
        }
        return document.rendered()
    }
}

/// A polyline through data points, e.g. a ceiling or the y = x line. A point the axes cannot
/// place breaks the line; the line is clipped to the data rectangle.
public struct LineSeries: Sendable, Hashable {
    /// The path's `class`.
    public var name: String
    /// What the line is, for `aria-label` and its tooltip.
    public var label: String
    /// Stroke colour.
    public var color: String
    /// Stroke width, pixels.
    public var width: Double
    /// SVG dash pattern (e.g. `6 4`), or nil for a solid line.
    public var dash: String?
    /// The vertices, in order.
    public var points: [PlotPoint]

    /// Creates a line.
    public init(name: String, label: String, color: String, width: Double = 1.5, dash: String? = nil, points: [PlotPoint]) {
        self.name = name
        self.label = label
        self.color = color
        self.width = width
        self.dash = dash
        self.points = points
    }

    /// The line y = x across `axis`'s range (for charts whose two axes share it).
    public static func identity(over axis: Axis, color: String = Palette.ink, width: Double = 1.2, dash: String? = "5 4") -> LineSeries {
        LineSeries(name: "identity", label: "y = x", color: color, width: width, dash: dash,
                   points: [PlotPoint(x: axis.lo, y: axis.lo), PlotPoint(x: axis.hi, y: axis.hi)])
    }

    /// The legend sample of this line.
    public var swatch: LegendSwatch { .line(color: color, width: width, dash: dash) }

    /// The `<path>`, or an empty string when fewer than two vertices can be placed.
    public func markup(in frame: ChartFrame) -> String {
        let c = PlotNumber.coordinate
        var d = "", placed = 0, penDown = false
        for point in points {
            guard let at = frame.place(x: point.x, y: point.y) else {
                penDown = false
                continue
            }
            d += (penDown ? "L" : "M") + c(at.x) + "," + c(at.y)
            penDown = true
            placed += 1
        }
        guard placed >= 2 else { return "" }
        var out = "<path class=\"\(XMLEscape.escape(name))\" aria-label=\"\(XMLEscape.escape(label))\" d=\"\(d)\" fill=\"none\""
        out += " stroke=\"\(color)\" stroke-width=\"\(PlotNumber.fixed(width, decimals: 1))\" stroke-linejoin=\"round\""
        if let dash { out += " stroke-dasharray=\"\(XMLEscape.escape(dash))\"" }
        return out + "><title>\(XMLEscape.escape(label))</title></path>\n"
    }
}

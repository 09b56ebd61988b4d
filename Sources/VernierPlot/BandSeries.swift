/// A shaded polygon through data points, e.g. a tolerance band. Vertices the axes cannot place
/// are skipped; the polygon is clipped to the data rectangle.
public struct BandSeries: Sendable, Hashable {
    /// The path's `class`.
    public var name: String
    /// What the band is, for `aria-label`.
    public var label: String
    /// Fill colour.
    public var color: String
    /// Fill opacity, 0…1.
    public var opacity: Double
    /// The polygon's vertices, in order (closed automatically).
    public var polygon: [PlotPoint]

    /// Creates a band.
    public init(name: String, label: String, color: String, opacity: Double = 0.12, polygon: [PlotPoint]) {
        self.name = name
        self.label = label
        self.color = color
        self.opacity = opacity
        self.polygon = polygon
    }

    /// The band between the lines y = `lowerFactor`·x and y = `upperFactor`·x over the horizontal
    /// range `from...to` (straight on linear and on log-log axes alike).
    public static func proportional(name: String, label: String, color: String, opacity: Double = 0.12,
                                    lowerFactor: Double, upperFactor: Double, from lo: Double, to hi: Double) -> BandSeries {
        BandSeries(name: name, label: label, color: color, opacity: opacity, polygon: [
            PlotPoint(x: lo, y: lo * lowerFactor), PlotPoint(x: hi, y: hi * lowerFactor),
            PlotPoint(x: hi, y: hi * upperFactor), PlotPoint(x: lo, y: lo * upperFactor),
        ])
    }

    /// The band of points within ±`fraction` of y = x (e.g. 0.1: 0.9·x…1.1·x) across `axis`'s
    /// range, labelled `±10 %`.
    public static func tolerance(_ fraction: Double, over axis: Axis, color: String = Palette.green, opacity: Double = 0.12) -> BandSeries {
        proportional(name: "tolerance", label: "±\(PlotNumber.fixed(100 * fraction, decimals: 1)) %", color: color, opacity: opacity,
                     lowerFactor: 1 - fraction, upperFactor: 1 + fraction, from: axis.lo, to: axis.hi)
    }

    /// The legend sample of this band.
    public var swatch: LegendSwatch { .area(color: color, opacity: Swift.min(1, opacity * 1.5)) }

    /// The `<path>`, or an empty string when fewer than three vertices can be placed.
    public func markup(in frame: ChartFrame) -> String {
        let c = PlotNumber.coordinate
        let placed = polygon.compactMap { frame.place(x: $0.x, y: $0.y) }
        guard placed.count >= 3 else { return "" }
        var d = ""
        for (i, at) in placed.enumerated() {
            d += i == 0 ? "M" : "L"
            d += c(at.x) + "," + c(at.y)
        }
        d += "Z"
        return "<path class=\"\(XMLEscape.escape(name))\" aria-label=\"\(XMLEscape.escape(label))\" d=\"\(d)\" fill=\"\(color)\""
            + " fill-opacity=\"\(PlotNumber.fixed(opacity, decimals: 2))\" stroke=\"none\"/>\n"
    }
}

/// A chart's coordinate system: the plot area and its two axes. It maps data values to pixels
/// and draws the grid, the frame, the tick labels and the axis titles.
public struct ChartFrame: Sendable, Hashable {
    /// The canvas and data rectangle.
    public var area: PlotArea
    /// The horizontal axis.
    public var x: Axis
    /// The vertical axis.
    public var y: Axis

    /// Creates a frame.
    public init(area: PlotArea = .standard, x: Axis, y: Axis) {
        self.area = area
        self.x = x
        self.y = y
    }

    /// The horizontal pixel of data value `value` (not finite when the axis cannot place it).
    public func px(_ value: Double) -> Double {
        guard let fraction = x.fraction(value) else { return .nan }
        return area.left + fraction * (area.right - area.left)
    }

    /// The vertical pixel of data value `value` (not finite when the axis cannot place it).
    public func py(_ value: Double) -> Double {
        guard let fraction = y.fraction(value) else { return .nan }
        return area.bottom - fraction * (area.bottom - area.top)
    }

    /// The pixel of the data point (`x`, `y`), or nil when either axis cannot place its value.
    public func place(x: Double, y: Double) -> (x: Double, y: Double)? {
        let horizontal = px(x), vertical = py(y)
        guard horizontal.isFinite, vertical.isFinite else { return nil }
        return (horizontal, vertical)
    }

    /// The grid (a line per tick), the frame, the tick labels (class `tick-labels`: x labels
    /// centred under the frame, y labels right-aligned left of it) and the two axis titles.
    public func axesMarkup() -> String {
        let c = PlotNumber.coordinate
        let left = area.left, right = area.right, top = area.top, bottom = area.bottom
        var out = "<g class=\"grid\" stroke=\"\(Palette.grid)\" stroke-width=\"1\" aria-hidden=\"true\">\n"
        for tick in x.ticks { out += "<line x1=\"\(c(px(tick)))\" y1=\"\(c(top))\" x2=\"\(c(px(tick)))\" y2=\"\(c(bottom))\"/>\n" }
        for tick in y.ticks { out += "<line x1=\"\(c(left))\" y1=\"\(c(py(tick)))\" x2=\"\(c(right))\" y2=\"\(c(py(tick)))\"/>\n" }
        out += "</g>\n"
        out += "<rect class=\"frame\" x=\"\(c(left))\" y=\"\(c(top))\" width=\"\(c(right - left))\" height=\"\(c(bottom - top))\""
        out += " fill=\"none\" stroke=\"\(Palette.frame)\"/>\n"
        out += "<g class=\"tick-labels\" font-size=\"11\" fill=\"\(Palette.text)\">\n"
        for (tick, label) in zip(x.ticks, x.tickLabels) {
            out += "<text x=\"\(c(px(tick)))\" y=\"\(c(bottom + 16))\" text-anchor=\"middle\">\(XMLEscape.escape(label))</text>\n"
        }
        for (tick, label) in zip(y.ticks, y.tickLabels) {
            out += "<text x=\"\(c(left - 6))\" y=\"\(c(py(tick) + 4))\" text-anchor=\"end\">\(XMLEscape.escape(label))</text>\n"
        }
        out += "</g>\n"
        out += "<text class=\"x-title\" x=\"\(c((left + right) / 2))\" y=\"\(c(bottom + 44))\" text-anchor=\"middle\" font-size=\"13\">"
        out += "\(XMLEscape.escape(x.title))</text>\n"
        out += "<text class=\"y-title\" transform=\"translate(20,\(c((top + bottom) / 2))) rotate(-90)\" text-anchor=\"middle\" font-size=\"13\">"
        out += "\(XMLEscape.escape(y.title))</text>\n"
        return out
    }

    /// A `<clipPath>` with id `id` that is the data rectangle, for `clip-path="url(#id)"`.
    public func clipPathMarkup(id: String) -> String {
        let c = PlotNumber.coordinate
        return "<defs><clipPath id=\"\(XMLEscape.escape(id))\"><rect x=\"\(c(area.left))\" y=\"\(c(area.top))\""
            + " width=\"\(c(area.right - area.left))\" height=\"\(c(area.bottom - area.top))\"/></clipPath></defs>\n"
    }
}

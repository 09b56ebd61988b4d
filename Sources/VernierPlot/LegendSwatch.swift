/// The small sample drawn before a legend label, showing how its series looks.
public indirect enum LegendSwatch: Sendable, Hashable {
    /// No sample: the entry is a note.
    case blank
    /// A point marker of `shape` with half-extent `size`, in `color` at `opacity`, outlined in
    /// `outline` when given.
    case marker(MarkerShape, color: String, size: Double, opacity: Double, outline: String?)
    /// A 22-pixel line segment, dashed by the SVG `dash` pattern when given.
    case line(color: String, width: Double, dash: String?)
    /// A line segment with a marker at its middle.
    case lineWithMarker(color: String, width: Double, dash: String?, shape: MarkerShape, size: Double)
    /// A 12-pixel square of shading.
    case area(color: String, opacity: Double)
    /// Two samples side by side.
    case pair(LegendSwatch, LegendSwatch)

    /// A filled marker at full opacity without outline.
    public static func filledMarker(_ shape: MarkerShape, color: String, size: Double) -> LegendSwatch {
        .marker(shape, color: color, size: size, opacity: 1, outline: nil)
    }

    /// The sample's width in pixels.
    public var width: Double {
        switch self {
        case .blank: 0
        case .marker(let shape, _, let size, _, _): shape == .circle ? 2 * size : 2 * size * 1.3
        case .line, .lineWithMarker: 22
        case .area: 12
        case .pair(let first, let second): first.width + 4 + second.width
        }
    }

    /// The sample with its left edge at `x`, vertically centred on `y`.
    public func markup(x: Double, y: Double) -> String {
        let c = PlotNumber.coordinate
        switch self {
        case .blank:
            return ""
        case .marker(let shape, let color, let size, let opacity, let outline):
            return shape.markup(x: x + width / 2, y: y, size: size, attributes: Self.paint(shape, color: color, opacity: opacity, outline: outline))
        case .line(let color, let lineWidth, let dash):
            var line = "<line x1=\"\(c(x))\" y1=\"\(c(y))\" x2=\"\(c(x + 22))\" y2=\"\(c(y))\" stroke=\"\(color)\""
            line += " stroke-width=\"\(c(lineWidth))\""
            if let dash { line += " stroke-dasharray=\"\(XMLEscape.escape(dash))\"" }
            return line + "/>"
        case .lineWithMarker(let color, let lineWidth, let dash, let shape, let size):
            return LegendSwatch.line(color: color, width: lineWidth, dash: dash).markup(x: x, y: y)
                + shape.markup(x: x + 11, y: y, size: size, attributes: Self.paint(shape, color: color, opacity: 1, outline: nil))
        case .area(let color, let opacity):
            return "<rect x=\"\(c(x))\" y=\"\(c(y - 6))\" width=\"12\" height=\"12\" fill=\"\(color)\" fill-opacity=\"\(PlotNumber.fixed(opacity, decimals: 2))\"/>"
        case .pair(let first, let second):
            return first.markup(x: x, y: y) + second.markup(x: x + first.width + 4, y: y)
        }
    }

    /// The fill (or, for a stroked shape, the stroke) attributes of a marker.
    static func paint(_ shape: MarkerShape, color: String, opacity: Double, outline: String?) -> String {
        let opacityText = PlotNumber.fixed(opacity, decimals: 2)
        if shape.isStroked {
            return "fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"" + (opacity < 1 ? " stroke-opacity=\"\(opacityText)\"" : "")
        }
        var text = "fill=\"\(color)\"" + (opacity < 1 ? " fill-opacity=\"\(opacityText)\"" : "")
        if let outline { text += " stroke=\"\(outline)\" stroke-width=\"1\"" }
        return text
    }
}

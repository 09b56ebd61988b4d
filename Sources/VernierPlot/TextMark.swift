/// A text label at a data point, shifted by a pixel offset; skipped when the axes cannot place
/// the point.
public struct TextMark: Sendable, Hashable {
    /// The `<text>`'s `class`.
    public var name: String
    /// The text (escaped when drawn).
    public var text: String
    /// Horizontal data value.
    public var x: Double
    /// Vertical data value.
    public var y: Double
    /// Horizontal shift, pixels (positive: right).
    public var dx: Double
    /// Vertical shift, pixels (positive: down).
    public var dy: Double
    /// Which point of the text sits at the position.
    public var anchor: TextAnchor
    /// Text colour.
    public var color: String
    /// Font size, pixels.
    public var fontSize: Double

    /// Creates a label.
    public init(name: String = "label", text: String, x: Double, y: Double, dx: Double = 0, dy: Double = 0,
                anchor: TextAnchor = .start, color: String = Palette.text, fontSize: Double = 11) {
        self.name = name
        self.text = text
        self.x = x
        self.y = y
        self.dx = dx
        self.dy = dy
        self.anchor = anchor
        self.color = color
        self.fontSize = fontSize
    }

    /// The `<text>`, or an empty string when the point cannot be placed.
    public func markup(in frame: ChartFrame) -> String {
        guard let at = frame.place(x: x, y: y) else { return "" }
        let c = PlotNumber.coordinate
        return "<text class=\"\(XMLEscape.escape(name))\" x=\"\(c(at.x + dx))\" y=\"\(c(at.y + dy))\" text-anchor=\"\(anchor.rawValue)\""
            + " font-size=\"\(PlotNumber.fixed(fontSize, decimals: 1))\" fill=\"\(color)\">\(XMLEscape.escape(text))</text>\n"
    }
}

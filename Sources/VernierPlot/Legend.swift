/// A chart's legend: samples and labels of what is drawn (list only what is drawn).
public struct Legend: Sendable, Hashable {
    /// The entries, in order.
    public var entries: [LegendEntry]

    /// Creates a legend.
    public init(_ entries: [LegendEntry] = []) {
        self.entries = entries
    }

    /// Pixels between the lines of a column legend.
    static let lineHeight = 18.0

    /// The legend as a group of class `legend` placed as `placement` says around `area`.
    public func markup(placement: LegendPlacement, area: PlotArea) -> String {
        switch placement {
        case .aboveChart:
            return rowMarkup(left: area.left, baseline: area.top - 18)
        case .right:
            return columnMarkup(left: area.right + 16, top: area.top, boxed: false)
        case .insideTopLeft:
            return columnMarkup(left: area.left + 10, top: area.top + 10, boxed: true)
        case .insideBottomRight:
            let size = columnSize
            return columnMarkup(left: area.right - 10 - size.width, top: area.bottom - 10 - size.height, boxed: true)
        }
    }

    /// The legend as one row starting at `left`, its labels on `baseline`.
    public func rowMarkup(left: Double, baseline: Double) -> String {
        let c = PlotNumber.coordinate
        var out = "<g class=\"legend\">\n"
        var x = left
        for entry in entries {
            out += entry.swatch.markup(x: x, y: baseline - 4)
            let textX = x + Self.labelOffset(entry.swatch)
            out += "<text x=\"\(c(textX))\" y=\"\(c(baseline))\">\(XMLEscape.escape(entry.label))</text>\n"
            x = textX + TextMetrics.width(entry.label, fontSize: 12) + 22
        }
        return out + "</g>\n"
    }

    /// The legend as a column whose first line's top is at `top`, behind a white box when `boxed`.
    public func columnMarkup(left: Double, top: Double, boxed: Bool) -> String {
        let c = PlotNumber.coordinate
        var out = "<g class=\"legend\">\n"
        guard !entries.isEmpty else { return out + "</g>\n" }
        if boxed {
            let size = columnSize
            out += "<rect x=\"\(c(left))\" y=\"\(c(top))\" width=\"\(c(size.width))\" height=\"\(c(size.height))\""
            out += " fill=\"\(Palette.background)\" fill-opacity=\"0.9\" stroke=\"#c8c8c8\"/>\n"
        }
        let inset = boxed ? 8.0 : 0
        for (i, entry) in entries.enumerated() {
            let baseline = top + inset + 13 + Double(i) * Self.lineHeight
            out += entry.swatch.markup(x: left + inset, y: baseline - 4)
            let textX = left + inset + Self.labelOffset(entry.swatch)
            let fill = entry.swatch == .blank ? " fill=\"\(Palette.text)\" font-style=\"italic\"" : ""
            out += "<text x=\"\(c(textX))\" y=\"\(c(baseline))\"\(fill)>\(XMLEscape.escape(entry.label))</text>\n"
        }
        return out + "</g>\n"
    }

    /// Width and height of the boxed column.
    var columnSize: (width: Double, height: Double) {
        let widest = entries.map { Self.labelOffset($0.swatch) + TextMetrics.width($0.label, fontSize: 12) }.max() ?? 0
        return (widest + 16, Double(entries.count) * Self.lineHeight + 10)
    }

    /// Where a label starts after its swatch.
    static func labelOffset(_ swatch: LegendSwatch) -> Double {
        swatch == .blank ? 0 : swatch.width + 6
    }
}

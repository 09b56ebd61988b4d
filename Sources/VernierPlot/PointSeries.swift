/// Points drawn as markers: one `<g class="…">` holding one element per point that the axes can
/// place (points with a non-finite value, or a non-positive one on a logarithmic axis, are skipped).
public struct PointSeries: Sendable, Hashable {
    /// The group's `class` (a CSS-friendly name, e.g. `held-out`).
    public var name: String
    /// What the series is, for `aria-label`.
    public var label: String
    /// Marker shape.
    public var shape: MarkerShape
    /// Marker colour.
    public var color: String
    /// Marker half-extent, pixels.
    public var size: Double
    /// Fill (or stroke) opacity, 0…1.
    public var opacity: Double
    /// Outline colour of filled markers, if any.
    public var outline: String?
    /// The points.
    public var points: [PlotPoint]

    /// Creates a series.
    public init(name: String, label: String, shape: MarkerShape = .circle, color: String, size: Double = 3,
                opacity: Double = 1, outline: String? = nil, points: [PlotPoint]) {
        self.name = name
        self.label = label
        self.shape = shape
        self.color = color
        self.size = size
        self.opacity = opacity
        self.outline = outline
        self.points = points
    }

    /// One series per category, in ascending order of category, each with its own marker
    /// (``Palette/categoryMarker(_:)``). A series' `class` is `"<prefix> <prefix>-<category>"`
    /// (the category reduced to lowercase letters, digits and dashes); its label is
    /// `label(category, count)`.
    public static func byCategory(_ points: [(category: String, point: PlotPoint)], prefix: String, size: Double = 3,
                                  opacity: Double = 0.8, label: (String, Int) -> String) -> [PointSeries] {
        var grouped: [String: [PlotPoint]] = [:]
        for item in points { grouped[item.category, default: []].append(item.point) }
        return grouped.keys.sorted().enumerated().map { index, category in
            let members = grouped[category] ?? []
            let marker = Palette.categoryMarker(index)
            return PointSeries(name: "\(prefix) \(prefix)-\(cssName(category))", label: label(category, members.count),
                               shape: marker.shape, color: marker.color, size: size, opacity: opacity, points: members)
        }
    }

    /// `text` as a CSS class token: lowercase ASCII letters and digits, anything else a dash.
    static func cssName(_ text: String) -> String {
        let token = String(text.lowercased().unicodeScalars.map { scalar -> Character in
            ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) ? Character(scalar) : "-"
        })
        return token.isEmpty ? "none" : token
    }

    /// The legend sample of this series.
    public var swatch: LegendSwatch {
        .marker(shape, color: color, size: size, opacity: Swift.max(opacity, 0.6), outline: outline)
    }

    /// The group, or an empty string when no point can be placed.
    public func markup(in frame: ChartFrame) -> String {
        var marks = ""
        marks.reserveCapacity(points.count * 48)
        for point in points {
            guard let at = frame.place(x: point.x, y: point.y) else { continue }
            marks += shape.markup(x: at.x, y: at.y, size: size, tooltip: point.tooltip)
            marks += "\n"
        }
        guard !marks.isEmpty else { return "" }
        var out = "<g class=\"\(XMLEscape.escape(name))\" aria-label=\"\(XMLEscape.escape(label))\" "
        out += LegendSwatch.paint(shape, color: color, opacity: opacity, outline: outline)
        out += ">\n"
        return out + marks + "</g>\n"
    }
}

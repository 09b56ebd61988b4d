/// One layer of marks in a ``Chart``, drawn in the order the chart lists them.
public enum ChartMark: Sendable, Hashable {
    /// Point markers.
    case points(PointSeries)
    /// A polyline.
    case line(LineSeries)
    /// A shaded polygon.
    case band(BandSeries)
    /// A text label.
    case text(TextMark)

    /// The mark's markup in `frame` (empty when nothing of it can be placed).
    public func markup(in frame: ChartFrame) -> String {
        switch self {
        case .points(let series): series.markup(in: frame)
        case .line(let line): line.markup(in: frame)
        case .band(let band): band.markup(in: frame)
        case .text(let label): label.markup(in: frame)
        }
    }

    /// Whether the mark is clipped to the data rectangle (lines and bands, which may run past it).
    public var isClipped: Bool {
        switch self {
        case .line, .band: true
        case .points, .text: false
        }
    }
}

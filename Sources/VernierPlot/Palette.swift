/// The colours of Vernier's charts. Series colours are dark enough to keep at least 4.5 : 1
/// contrast against the white background (WCAG AA for text, more than the 3 : 1 graphics need)
/// and are told apart by hue and, in the charts, by marker shape too.
public enum Palette {
    /// Blue (#1f5fbf).
    public static let blue = "#1f5fbf"
    /// Orange (#b35900).
    public static let orange = "#b35900"
    /// Green (#1b7a3d).
    public static let green = "#1b7a3d"
    /// Red (#c62828).
    public static let red = "#c62828"
    /// Purple (#6a3d9a).
    public static let purple = "#6a3d9a"
    /// Teal (#00707a).
    public static let teal = "#00707a"
    /// Brown (#7a4f2a).
    public static let brown = "#7a4f2a"
    /// Magenta (#a3307a).
    public static let magenta = "#a3307a"
    /// Mid grey (#666666), for context marks.
    public static let grey = "#666666"
    /// Near-black (#222222), for reference lines.
    public static let ink = "#222222"
    /// Tick labels and secondary text (#333333).
    public static let text = "#333333"
    /// Grid lines (#e3e3e3).
    public static let grid = "#e3e3e3"
    /// The frame around the data (#555555).
    public static let frame = "#555555"
    /// The canvas (#ffffff).
    public static let background = "#ffffff"

    /// Series colours in the order charts use them.
    public static let series: [String] = [blue, orange, green, red, purple, teal, brown, magenta]

    /// The `index`-th series colour, cycling through ``series``.
    public static func seriesColor(_ index: Int) -> String {
        series[((index % series.count) + series.count) % series.count]
    }

    /// Marker shapes of categories, in order; paired with ``series`` colours they repeat only
    /// after 40 categories.
    public static let categoryShapes: [MarkerShape] = [.circle, .square, .diamond, .triangle, .star]

    /// The marker of the `index`-th category: its colour from ``series`` and a shape from
    /// ``categoryShapes``, so that neighbouring categories differ in both.
    public static func categoryMarker(_ index: Int) -> (shape: MarkerShape, color: String) {
        let i = Swift.max(index, 0)
        return (categoryShapes[i % categoryShapes.count], seriesColor(i))
    }
}

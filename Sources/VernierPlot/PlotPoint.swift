/// A data point of a series, in data units, with an optional tooltip.
public struct PlotPoint: Sendable, Hashable {
    /// Horizontal value.
    public var x: Double
    /// Vertical value.
    public var y: Double
    /// Hover text (`<title>`), escaped when drawn.
    public var tooltip: String?

    /// Creates a point.
    public init(x: Double, y: Double, tooltip: String? = nil) {
        self.x = x
        self.y = y
        self.tooltip = tooltip
    }
}

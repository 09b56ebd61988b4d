/// The geometry of a chart, in pixels: the canvas size and the rectangle the data is drawn in
/// (the room around it holds the title, legend, tick labels and axis titles).
public struct PlotArea: Sendable, Hashable {
    /// Canvas width.
    public var width: Double
    /// Canvas height.
    public var height: Double
    /// Left edge of the data rectangle.
    public var left: Double
    /// Right edge of the data rectangle.
    public var right: Double
    /// Top edge of the data rectangle.
    public var top: Double
    /// Bottom edge of the data rectangle.
    public var bottom: Double

    /// Creates a geometry.
    public init(width: Double, height: Double, left: Double, right: Double, top: Double, bottom: Double) {
        self.width = width
        self.height = height
        self.left = left
        self.right = right
        self.top = top
        self.bottom = bottom
    }

    /// The 900×560 canvas of every Vernier chart, with the data in 84…872 × 72…496 (room above
    /// for the title and a legend row).
    public static let standard = PlotArea(width: 900, height: 560, left: 84, right: 872, top: 72, bottom: 496)

    /// This geometry with the data rectangle narrowed to leave a column of `pixels` more on the
    /// right, for a legend beside the chart.
    public func withLegendColumn(_ pixels: Double) -> PlotArea {
        var area = self
        area.right = Swift.max(area.left + 100, area.right - pixels)
        return area
    }
}

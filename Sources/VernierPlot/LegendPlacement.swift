/// Where a chart draws its legend.
public enum LegendPlacement: String, Sendable, Hashable {
    /// One row between the title and the data rectangle.
    case aboveChart
    /// A column right of the data rectangle (give the chart a ``PlotArea`` with room there).
    case right
    /// A boxed column in the data rectangle's upper left corner.
    case insideTopLeft
    /// A boxed column in the data rectangle's lower right corner.
    case insideBottomRight
}

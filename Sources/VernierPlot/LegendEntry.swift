/// One line of a legend: a sample of the series and its label.
public struct LegendEntry: Sendable, Hashable {
    /// How the series looks.
    public var swatch: LegendSwatch
    /// The label (escaped when drawn).
    public var label: String

    /// Creates an entry.
    public init(_ swatch: LegendSwatch, _ label: String) {
        self.swatch = swatch
        self.label = label
    }
}

/// How an axis maps data values to positions.
public enum AxisScale: String, Sendable, Hashable {
    /// Equal distances for equal differences; ticks at multiples of 1, 2 or 5 × 10ᵏ.
    case linear
    /// Equal distances for equal ratios (log₁₀); only positive values can be placed; ticks at
    /// decades, or at 1, 2 and 5 (or every digit) within them when the range spans few decades.
    case logarithmic
}

import Foundation

/// Locale-independent number formatting for SVG documents: pixel coordinates with at most one
/// decimal, tick labels, and data values in labels and tooltips.
public enum PlotNumber {
    private static let powersOfTen: [Double] = (0...12).map { pow(10, Double($0)) }

    /// `value` with `decimals` (clamped to 0–12) decimals, trailing zeros dropped when `trim`;
    /// a non-finite value prints as `0`, a huge one in `%g` notation.
    public static func fixed(_ value: Double, decimals: Int, trim: Bool = true) -> String {
        guard value.isFinite else { return "0" }
        let places = Swift.min(Swift.max(decimals, 0), 12)
        let scale = powersOfTen[places]
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 9e15 else { return String(format: "%.6g", value) }
        let digits = UInt64(scaled), divisor = UInt64(scale)
        var text = (value < 0 && digits != 0 ? "-" : "") + String(digits / divisor)
        if places > 0 {
            var fraction = String(digits % divisor)
            fraction = String(repeating: "0", count: places - fraction.count) + fraction
            if trim { while fraction.last == "0" { fraction.removeLast() } }
            if !fraction.isEmpty { text += "." + fraction }
        }
        return text
    }

    /// A pixel coordinate: at most one decimal, clamped to ±100,000 (a non-finite one prints as `0`).
    public static func coordinate(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        return fixed(Swift.min(Swift.max(value, -100_000), 100_000), decimals: 1)
    }

    /// A data value for labels and tooltips: two decimals, four significant digits below 1, and
    /// exponent notation for magnitudes outside 10⁻⁵…10⁹.
    public static func value(_ value: Double) -> String {
        let magnitude = abs(value)
        if magnitude.isFinite, magnitude >= 1e9 || (magnitude > 0 && magnitude < 1e-5) { return String(format: "%.4g", value) }
        guard magnitude > 0, magnitude < 1 else { return fixed(value, decimals: 2) }
        return fixed(value, decimals: Swift.min(8, Swift.max(2, 3 - Int(floor(log10(magnitude))))))
    }

    /// A tick label of a logarithmic axis: the plain number (`0.02`, `5`, `1000`) for ticks between
    /// 10⁻⁴ and 10⁶, else `m·10ᵏ` written as `1e7`, `2e-5`.
    public static func logTick(_ value: Double) -> String {
        guard value.isFinite, value > 0 else { return "0" }
        let exponent = Int(floor(log10(value) + 1e-9))
        if (-4...6).contains(exponent) {
            return fixed(value, decimals: Swift.max(0, -exponent + significantDecimals(value / pow(10, Double(exponent)))))
        }
        let mantissa = value / pow(10, Double(exponent))
        return fixed(mantissa, decimals: significantDecimals(mantissa)) + "e" + String(exponent)
    }

    /// Decimals a mantissa in [1, 10) needs (0 for 1, 2, 5; up to 2 otherwise).
    private static func significantDecimals(_ mantissa: Double) -> Int {
        for decimals in 0...2 {
            let scale = powersOfTen[decimals]
            if abs((mantissa * scale).rounded() - mantissa * scale) < 1e-6 { return decimals }
        }
        return 2
    }
}

import Foundation

/// One axis of a chart: its title, scale, value range and ticks with their labels.
///
/// Build one from the data it must show with ``linear(title:covering:)`` or
/// ``logarithmic(title:covering:)``: the range covers every finite value (on a logarithmic axis,
/// every positive one) with 5 % padding on each side, and the ticks are "nice".
public struct Axis: Sendable, Hashable {
    /// The axis title, drawn beside the axis.
    public let title: String
    /// Linear or logarithmic.
    public let scale: AxisScale
    /// The value at the start (left or bottom) of the axis.
    public let lo: Double
    /// The value at the end (right or top) of the axis.
    public let hi: Double
    /// Tick values, ascending, all within `lo...hi`.
    public let ticks: [Double]
    /// The label of each tick (same order as ``ticks``).
    public let tickLabels: [String]

    /// An axis over the fixed range `lo...hi` with ticks chosen for it; an unusable range (not
    /// finite, empty, or not positive on a logarithmic scale) becomes 0…1 (linear) or 1…10 (logarithmic).
    public init(title: String, scale: AxisScale, lo: Double, hi: Double) {
        self.title = title
        self.scale = scale
        switch scale {
        case .linear:
            let usable = lo.isFinite && hi.isFinite && hi > lo && (hi - lo).isFinite
            let start = usable ? lo : 0, end = usable ? hi : 1
            let (ticks, decimals) = Self.linearTicks(lo: start, hi: end)
            self.lo = start
            self.hi = end
            self.ticks = ticks
            tickLabels = ticks.map { PlotNumber.fixed($0, decimals: decimals, trim: false) }
        case .logarithmic:
            let usable = lo.isFinite && hi.isFinite && lo > 0 && hi > lo && abs(log10(lo)) < 300 && abs(log10(hi)) < 300
            let start = usable ? lo : 1, end = usable ? hi : 10
            self.lo = start
            self.hi = end
            if let ticks = Self.logTicks(lo: start, hi: end) {
                self.ticks = ticks
                tickLabels = ticks.map(PlotNumber.logTick)
            } else {
                let (ticks, decimals) = Self.linearTicks(lo: start, hi: end)
                self.ticks = ticks
                tickLabels = ticks.map { PlotNumber.fixed($0, decimals: decimals, trim: false) }
            }
        }
    }

    /// A linear axis covering `values`: their range widened by 5 % on each side (a degenerate
    /// range first widened around its centre), not below zero when all values are positive, with
    /// ticks at the largest 1/2/5 × 10ᵏ step that gives at least five of them. Non-finite values
    /// are ignored; no values give 0…1.
    public static func linear(title: String, covering values: [Double]) -> Axis {
        let finite = values.filter(\.isFinite)
        guard let min = finite.min(), let max = finite.max() else { return Axis(title: title, scale: .linear, lo: 0, hi: 1) }
        var lo = min, hi = max
        if !(hi - lo > 1e-9 * Swift.max(abs(lo), abs(hi))) {
            let centre = lo / 2 + hi / 2
            if centre == 0 {
                lo = 0
                hi = 1
            } else {
                lo = centre - abs(centre) * 0.05
                hi = centre + abs(centre) * 0.05
            }
        }
        let pad = (hi - lo) * 0.05
        lo -= pad
        hi += pad
        if min >= 0 && lo < 0 { lo = 0 }
        return Axis(title: title, scale: .linear, lo: lo, hi: hi)
    }

    /// A logarithmic axis covering the positive finite `values`: their range widened by 5 % of its
    /// decades on each side (a range under a tenth of a decade first widened to 0.3 decade around
    /// its centre). No positive values give 1…10.
    public static func logarithmic(title: String, covering values: [Double]) -> Axis {
        let positive = values.filter { $0.isFinite && $0 > 0 }
        guard let min = positive.min(), let max = positive.max() else { return Axis(title: title, scale: .logarithmic, lo: 1, hi: 10) }
        var a = log10(min), b = log10(max)
        if b - a < 0.1 {
            let centre = a / 2 + b / 2
            a = centre - 0.15
            b = centre + 0.15
        }
        let pad = (b - a) * 0.05
        return Axis(title: title, scale: .logarithmic, lo: pow(10, a - pad), hi: pow(10, b + pad))
    }

    /// The same axis under another title.
    public func titled(_ title: String) -> Axis {
        Axis(title: title, scale: scale, lo: lo, hi: hi, ticks: ticks, tickLabels: tickLabels)
    }

    /// Where `value` lies along the axis: 0 at ``lo``, 1 at ``hi`` (outside 0…1 beyond them), or
    /// nil when it cannot be placed (not finite; not positive on a logarithmic axis).
    public func fraction(_ value: Double) -> Double? {
        guard value.isFinite else { return nil }
        let position: Double
        switch scale {
        case .linear:
            position = (value - lo) / (hi - lo)
        case .logarithmic:
            guard value > 0 else { return nil }
            position = (log10(value) - log10(lo)) / (log10(hi) - log10(lo))
        }
        return position.isFinite ? position : nil
    }

    private init(title: String, scale: AxisScale, lo: Double, hi: Double, ticks: [Double], tickLabels: [String]) {
        self.title = title
        self.scale = scale
        self.lo = lo
        self.hi = hi
        self.ticks = ticks
        self.tickLabels = tickLabels
    }

    /// Ticks over `lo...hi` at the largest 1/2/5 × 10ᵏ step that still gives at least five of them
    /// (so five to about a dozen), and the decimals their labels need.
    static func linearTicks(lo: Double, hi: Double) -> (ticks: [Double], decimals: Int) {
        let exponent = floor(log10(hi - lo))
        guard exponent.isFinite, abs(exponent) < 300 else { return ([], 0) }
        var fallback: (ticks: [Double], decimals: Int) = ([], 0)
        for e in stride(from: Int(exponent), through: Int(exponent) - 2, by: -1) {
            for multiplier in [5.0, 2.0, 1.0] {
                let step = multiplier * pow(10, Double(e))
                let first = (lo / step - 1e-9).rounded(.up), last = (hi / step + 1e-9).rounded(.down)
                guard step > 0, step.isFinite, first.isFinite, last.isFinite, abs(first) < 1e15, abs(last) < 1e15,
                    first <= last, last - first < 100
                else { continue }
                let ticks = (Int(first)...Int(last)).map { Double($0) * step }
                fallback = (ticks, Swift.max(0, -e))
                if ticks.count >= 5 { return fallback }
            }
        }
        return fallback
    }

    /// Ticks of a logarithmic axis over `lo...hi` (both positive): every decade when three or
    /// more fall inside (every second, third… when there are more than ten); else 1, 2 and 5 ×
    /// 10ᵏ, or every digit × 10ᵏ, whichever first gives three ticks; nil when neither does (the
    /// caller then uses linear ticks).
    static func logTicks(lo: Double, hi: Double) -> [Double]? {
        let a = log10(lo), b = log10(hi)
        guard a.isFinite, b.isFinite else { return nil }
        let first = Int((a - 1e-9).rounded(.up)), last = Int((b + 1e-9).rounded(.down))
        if last - first + 1 >= 3 {
            let step = (last - first + 1 + 9) / 10
            return (first...last).filter { (($0 % step) + step) % step == 0 }.map { pow(10, Double($0)) }
        }
        for multipliers in [[1.0, 2.0, 5.0], [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0]] {
            var ticks: [Double] = []
            for decade in Int(floor(a))...Int(ceil(b)) {
                for multiplier in multipliers {
                    let tick = multiplier * pow(10, Double(decade))
                    if tick >= lo * (1 - 1e-9) && tick <= hi * (1 + 1e-9) { ticks.append(tick) }
                }
            }
            if ticks.count >= 3 { return ticks }
        }
        return nil
    }
}

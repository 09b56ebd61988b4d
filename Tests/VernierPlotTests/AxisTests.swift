import Foundation
import Testing
@testable import VernierPlot

@Suite("Axes: ranges and ticks")
struct AxisTests {
    @Test("A linear axis pads the data by 5 %, stays at or above zero for positive data, and ticks at 1/2/5 × 10ᵏ")
    func linearNiceTicks() {
        let axis = Axis.linear(title: "latency (ms)", covering: [2.2, 31.7, .nan, .infinity])
        #expect(axis.scale == .linear)
        #expect(axis.lo >= 0 && axis.lo <= 2.2 && axis.hi >= 31.7)
        #expect((5...12).contains(axis.ticks.count))
        #expect(axis.ticks.allSatisfy { $0 >= axis.lo - 1e-9 && $0 <= axis.hi + 1e-9 })
        let steps = Set(zip(axis.ticks, axis.ticks.dropFirst()).map { (($1 - $0) * 1000).rounded() / 1000 })
        #expect(steps.count == 1)
        if let step = steps.first {
            let mantissa = step / pow(10, floor(log10(step)))
            #expect([1.0, 2.0, 5.0].contains { abs($0 - mantissa) < 1e-9 })
        }
        #expect(axis.tickLabels.count == axis.ticks.count)
        #expect(axis.tickLabels.allSatisfy { Double($0) != nil })
    }

    @Test("Degenerate linear data still gives a usable axis")
    func linearDegenerate() {
        let flat = Axis.linear(title: "x", covering: [0, 0, 0])
        #expect(flat.lo == 0 && flat.hi > 0 && !flat.ticks.isEmpty)
        let empty = Axis.linear(title: "x", covering: [.nan])
        #expect(empty.lo == 0 && empty.hi == 1)
        let one = Axis.linear(title: "x", covering: [93.2])
        #expect(one.lo < 93.2 && one.hi > 93.2 && one.ticks.count >= 2)
    }

    @Test("A log axis over several decades ticks at the decades")
    func logDecades() {
        let axis = Axis.logarithmic(title: "GFLOP/s", covering: [0.3, 2, 150, 2_000])
        #expect(axis.scale == .logarithmic)
        #expect(axis.lo < 0.3 && axis.hi > 2_000)
        #expect(axis.ticks == [1, 10, 100, 1_000])
        #expect(axis.tickLabels == ["1", "10", "100", "1000"])
    }

    @Test("A log axis over many decades ticks at every second or third decade, ten ticks at most")
    func logManyDecades() {
        let axis = Axis.logarithmic(title: "x", covering: [1e-6, 1e12])
        #expect(axis.ticks.count <= 10 && axis.ticks.count >= 3)
        let exponents = axis.ticks.map { log10($0).rounded() }
        let gaps = Set(zip(exponents, exponents.dropFirst()).map { $1 - $0 })
        #expect(gaps.count == 1 && (gaps.first ?? 0) >= 2)
        #expect(axis.tickLabels.contains("1e-6") && axis.tickLabels.contains("1e12"))
    }

    @Test("A log axis over few decades adds 2 and 5 (or every digit) within them")
    func logFewDecades() {
        let axis = Axis.logarithmic(title: "ms", covering: [3, 40])
        #expect(axis.ticks == [5, 10, 20])
        #expect(axis.tickLabels == ["5", "10", "20"])
        let narrow = Axis.logarithmic(title: "ms", covering: [2.1, 8.7])
        #expect(narrow.ticks == [2, 3, 4, 5, 6, 7, 8, 9])
        let small = Axis.logarithmic(title: "ms", covering: [0.012, 0.09])
        #expect(small.tickLabels.contains("0.02") && small.tickLabels.contains("0.05"))
    }

    @Test("A very narrow log range is widened, one without three digit ticks gets linear ones, bad data gives 1…10")
    func logFallbacks() {
        let narrow = Axis.logarithmic(title: "ms", covering: [10.01, 10.02])
        #expect(narrow.ticks == [7, 8, 9, 10])
        #expect(narrow.ticks.allSatisfy { $0 >= narrow.lo && $0 <= narrow.hi })
        let octave = Axis(title: "ms", scale: .logarithmic, lo: 9.5, hi: 19)
        #expect(octave.ticks == [10, 12, 14, 16, 18])
        #expect(octave.tickLabels == ["10", "12", "14", "16", "18"])
        let none = Axis.logarithmic(title: "ms", covering: [0, -3, .nan, .infinity])
        #expect(none.lo == 1 && none.hi == 10)
        #expect(none.fraction(0) == nil && none.fraction(-1) == nil && none.fraction(.nan) == nil)
        #expect(none.fraction(1) == 0 && none.fraction(10) == 1)
    }

    @Test("Fractions place values along the axis")
    func fractions() throws {
        let linear = Axis(title: "x", scale: .linear, lo: 0, hi: 10)
        #expect(linear.fraction(2.5) == 0.25)
        let log = Axis(title: "x", scale: .logarithmic, lo: 1, hi: 100)
        let middle = try #require(log.fraction(10))
        #expect(abs(middle - 0.5) < 1e-12)
        #expect(log.titled("y").title == "y" && log.titled("y").ticks == log.ticks)
    }
}

import Testing
@testable import VernierPlot

@Suite("Number formatting and XML escaping")
struct PlotNumberTests {
    @Test("Coordinates have at most one decimal and never print nan or inf")
    func coordinates() {
        #expect(PlotNumber.coordinate(12.345) == "12.3")
        #expect(PlotNumber.coordinate(-0.04) == "0")
        #expect(PlotNumber.coordinate(7) == "7")
        #expect(PlotNumber.coordinate(.nan) == "0")
        #expect(PlotNumber.coordinate(.infinity) == "0")
        #expect(PlotNumber.coordinate(1e12) == "100000")
    }

    @Test("Fixed, value and log-tick formats")
    func formats() {
        #expect(PlotNumber.fixed(2.5, decimals: 2, trim: false) == "2.50")
        #expect(PlotNumber.fixed(2.5, decimals: 2) == "2.5")
        #expect(PlotNumber.value(12.5) == "12.5")
        #expect(PlotNumber.value(0.0123456) == "0.01235")
        #expect(PlotNumber.value(2e10) == "2e+10")
        #expect(PlotNumber.logTick(0.002) == "0.002")
        #expect(PlotNumber.logTick(5_000) == "5000")
        #expect(PlotNumber.logTick(1e7) == "1e7")
        #expect(PlotNumber.logTick(2e-5) == "2e-5")
    }

    @Test("XML's special characters are escaped and forbidden ones replaced")
    func escaping() {
        #expect(XMLEscape.escape("a<&>b \"q\" 's'") == "a&lt;&amp;&gt;b &quot;q&quot; &apos;s&apos;")
        #expect(XMLEscape.escape("tab\there\nnew") == "tab\there\nnew")
        #expect(XMLEscape.escape("bell\u{7}") == "bell\u{FFFD}")
        #expect(XMLEscape.escape("\u{FFFE}µ±") == "\u{FFFD}µ±")
    }
}

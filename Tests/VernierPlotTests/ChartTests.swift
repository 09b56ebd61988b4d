import Foundation
import Testing
import VernierPlot
import VernierTestSupport

@Suite("Charts: marks, legend and the SVG document")
struct ChartTests {
    /// A log-log chart with a band, the identity line, two point series (one with non-finite and
    /// non-positive points) and a label.
    private func sample(title: String = "Predicted <vs> measured & more") -> Chart {
        let axis = Axis.logarithmic(title: "measured (ms)", covering: [0.5, 1, 2, 4, 8, 16])
        let frame = ChartFrame(x: axis, y: axis.titled("predicted (ms)"))
        let band = BandSeries.tolerance(0.1, over: axis)
        let identity = LineSeries.identity(over: axis)
        let good = PointSeries(name: "held-out", label: "held out", color: Palette.blue, points: [
            PlotPoint(x: 1, y: 1.05, tooltip: "arch <a&b>"), PlotPoint(x: 2, y: 1.9), PlotPoint(x: 4, y: 4.4),
        ])
        let odd = PointSeries(name: "training", label: "training", shape: .triangle, color: Palette.orange, points: [
            PlotPoint(x: 8, y: 8), PlotPoint(x: .nan, y: 1), PlotPoint(x: 1, y: .infinity), PlotPoint(x: 0, y: 1),
            PlotPoint(x: -2, y: 3), PlotPoint(x: 16, y: 15),
        ])
        let legend = Legend([LegendEntry(good.swatch, "held out (3)"), LegendEntry(odd.swatch, "training (2)"),
                             LegendEntry(identity.swatch, identity.label), LegendEntry(band.swatch, band.label),
                             LegendEntry(.blank, "4 not drawn")])
        return Chart(title: title, description: "A test chart: \"quoted\" & <escaped>.", subtitle: "log-log", frame: frame,
                     marks: [.band(band), .line(identity), .points(good), .points(odd),
                             .text(TextMark(text: "note", x: 2, y: 8))],
                     legend: legend, legendPlacement: .insideTopLeft, emptyMessage: "nothing")
    }

    @Test("A chart with a band, a line and points is well-formed SVG with one mark per drawable point")
    func wellFormed() throws {
        let svg = sample().svg()
        let root = try SVGNode.parse(svg)
        #expect(root.name == "svg")
        #expect(root.attributes["role"] == "img")
        #expect(root.attributes["viewBox"] == "0 0 900 560")
        #expect(root.attributes["aria-label"] == "Predicted <vs> measured & more")
        #expect(root.children.first?.name == "title" && root.children.first?.text == "Predicted <vs> measured & more")
        #expect(root.first(named: "desc")?.text == "A test chart: \"quoted\" & <escaped>.")
        #expect(root.elements(named: "path", class: "tolerance").count == 1)
        #expect(root.elements(named: "path", class: "identity").count == 1)
        #expect(root.elements(named: "clipPath").count == 1)
        let clipped = try #require(root.first(named: "g", class: "clipped"))
        #expect(clipped.elements(named: "path", class: "tolerance").count == 1)
        let heldOut = try #require(root.first(named: "g", class: "held-out"))
        #expect(heldOut.elements(named: "circle").count == 3)
        // Non-finite, zero and negative values cannot go on log axes: skipped.
        let training = try #require(root.first(named: "g", class: "training"))
        #expect(training.elements(named: "path").count == 2)
        #expect(root.elements(named: "title").map(\.text).contains("arch <a&b>"))
        #expect(root.elements(named: "text", class: "label").map(\.text) == ["note"])
        let legend = try #require(root.first(named: "g", class: "legend"))
        #expect(legend.elements(named: "text").map(\.text) == ["held out (3)", "training (2)", "y = x", "±10 %", "4 not drawn"])
        #expect(!root.all.contains { $0.classes.contains("empty") })
        #expect(svg.contains("&lt;vs&gt;") && !svg.contains("<vs>"))
        #expect(!svg.contains("nan") && !svg.contains("inf"))
    }

    @Test("Coordinates carry at most one decimal and the output is deterministic")
    func coordinatesAndDeterminism() throws {
        let svg = sample().svg()
        #expect(svg == sample().svg())
        let numbers = try NSRegularExpression(pattern: "[0-9]+\\.[0-9]{2,}")
        let root = try SVGNode.parse(svg)
        for node in root.all where ["circle", "path", "line", "rect", "text"].contains(node.name) {
            for key in ["cx", "cy", "r", "x", "y", "x1", "y1", "x2", "y2", "d", "width", "height"] {
                guard let value = node.attributes[key] else { continue }
                let range = NSRange(value.startIndex..., in: value)
                #expect(numbers.firstMatch(in: value, range: range) == nil, "\(node.name) \(key)=\(value)")
            }
        }
    }

    @Test("A chart without drawable points says so; the legend placements all render")
    func emptyAndPlacements() throws {
        var chart = sample()
        chart.marks = [.points(PointSeries(name: "none", label: "none", color: Palette.blue, points: [PlotPoint(x: .nan, y: 1)]))]
        let root = try SVGNode.parse(chart.svg())
        #expect(root.elements(named: "text", class: "empty").map(\.text) == ["nothing"])
        #expect(root.elements(named: "g", class: "none").isEmpty)
        #expect(root.elements(named: "clipPath").isEmpty)
        for placement in [LegendPlacement.aboveChart, .right, .insideTopLeft, .insideBottomRight] {
            chart.legendPlacement = placement
            chart.subtitle = nil
            chart.frame.area = placement == .right ? PlotArea.standard.withLegendColumn(200) : .standard
            let parsed = try SVGNode.parse(chart.svg())
            #expect(parsed.first(named: "g", class: "legend")?.elements(named: "text").count == 5, "\(placement)")
        }
    }

    @Test("Lines break at points that cannot be placed; bands need three vertices")
    func linesAndBands() throws {
        let axis = Axis.logarithmic(title: "x", covering: [1, 100])
        let frame = ChartFrame(x: axis, y: axis)
        let broken = LineSeries(name: "ceiling", label: "c", color: Palette.ink, dash: "6 4", points: [
            PlotPoint(x: 1, y: 1), PlotPoint(x: 10, y: 10), PlotPoint(x: 0, y: 5), PlotPoint(x: 20, y: 20), PlotPoint(x: 50, y: 50),
        ])
        let markup = broken.markup(in: frame)
        let d = try #require(try SVGNode.parse(markup).attributes["d"])
        #expect(d.filter { $0 == "M" }.count == 2 && d.filter { $0 == "L" }.count == 2)
        #expect(markup.contains("stroke-dasharray=\"6 4\""))
        #expect(LineSeries(name: "l", label: "l", color: Palette.ink, points: [PlotPoint(x: 1, y: 1)]).markup(in: frame).isEmpty)
        let flat = BandSeries(name: "b", label: "b", color: Palette.green, polygon: [PlotPoint(x: 1, y: 1), PlotPoint(x: 2, y: 2), PlotPoint(x: -1, y: 2)])
        #expect(flat.markup(in: frame).isEmpty)
    }

    @Test("Every marker shape renders as one element, with its tooltip escaped")
    func markers() throws {
        for shape in MarkerShape.allCases {
            let markup = shape.markup(x: 10, y: 20, size: 4, attributes: "fill=\"#000000\"", tooltip: "a < b")
            let node = try SVGNode.parse(markup)
            #expect(node.name == (shape == .circle ? "circle" : "path"))
            #expect(node.first(named: "title")?.text == "a < b")
        }
        #expect(Palette.categoryMarker(0).shape != Palette.categoryMarker(1).shape)
        #expect(Palette.categoryMarker(0).color != Palette.categoryMarker(1).color)
    }

    @Test("Points split by category get one series each, sorted, with CSS-safe class names")
    func categories() {
        let series = PointSeries.byCategory([
            (category: "dwconv", point: PlotPoint(x: 1, y: 1)), (category: "conv", point: PlotPoint(x: 2, y: 2)),
            (category: "conv", point: PlotPoint(x: 3, y: 3)), (category: "Odd Op!", point: PlotPoint(x: 4, y: 4)),
        ], prefix: "layers") { name, count in "\(name): \(count)" }
        #expect(series.map(\.label) == ["Odd Op!: 1", "conv: 2", "dwconv: 1"])
        #expect(series.map(\.name) == ["layers layers-odd-op-", "layers layers-conv", "layers layers-dwconv"])
        #expect(Set(series.map(\.shape)).count == 3)
    }
}

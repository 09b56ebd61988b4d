import Foundation
import Testing
import VernierModel
@testable import VernierSearch

#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite("Pareto plot SVG")
struct ParetoPlotTests {
    private func candidate(_ i: Int, accuracy: Double, latencyMs: Double, arch: String? = nil) -> Candidate {
        Candidate(encoding: Encoding([0, 1]), arch: arch ?? "|nor_conv_3x3~0|+|skip_connect~\(i)|", accuracy: accuracy,
                  latencyMs: latencyMs, index: i)
    }

    /// A deterministic cloud of candidates.
    private func cloud(_ n: Int) -> [Candidate] {
        (0..<n).map { i in
            let latency = 2 + Double((i * 37) % 101) / 4
            return candidate(i, accuracy: 70 + 20 * (1 - exp(-latency / 8)) - Double((i * 13) % 17) / 2, latencyMs: latency)
        }
    }

    /// Parses `svg` as XML, returning the root element (a failed parse fails the test).
    private func parse(_ svg: String) throws -> XMLElement {
        let document = try XMLDocument(xmlString: svg, options: [])
        return try #require(document.rootElement())
    }

    /// The value of attribute `name` of `element` (looked up by hand: swift-corelibs-foundation's
    /// `attribute(forName:)` finds nothing on elements in a default namespace, as SVG's are).
    private func attribute(_ element: XMLElement, _ name: String) -> String? {
        element.attributes?.first { ($0.localName ?? $0.name) == name }?.stringValue
    }

    /// All elements under `root` (itself included) named `name`, optionally with `class="cls"`.
    private func elements(_ root: XMLElement, named name: String, class cls: String? = nil) -> [XMLElement] {
        var found: [XMLElement] = []
        var stack = [root]
        while let element = stack.popLast() {
            if (element.localName ?? element.name) == name, cls == nil || attribute(element, "class") == cls {
                found.append(element)
            }
            stack.append(contentsOf: (element.children ?? []).compactMap { $0 as? XMLElement }.reversed())
        }
        return found
    }

    @Test("A full plot is well-formed SVG with one dot per evaluated point")
    func fullPlot() throws {
        let points = cloud(200)
        let front = ParetoFront.of(points)
        let best = points.filter { $0.latencyMs <= 15 }.max { $0.accuracy < $1.accuracy }
        let svg = ParetoPlot(title: "NB201 search", accuracyLabel: "top-1 (%)", points: points, front: front,
                             budgetMs: 15, best: best, referencePoint: (accuracy: 60, latencyMs: 40)).svg()
        let root = try parse(svg)
        #expect((root.localName ?? root.name) == "svg")
        #expect(attribute(root, "viewBox") == "0 0 900 560")
        let evaluated = try #require(elements(root, named: "g", class: "evaluated").first)
        #expect(elements(evaluated, named: "circle").count == points.count)
        let frontGroup = try #require(elements(root, named: "g", class: "front").first)
        #expect(elements(frontGroup, named: "circle").count == front.count)
        // Tooltips only on the front, the best point and the reference corner.
        #expect(elements(evaluated, named: "title").isEmpty)
        #expect(elements(frontGroup, named: "title").count == front.count)
        #expect(elements(root, named: "g", class: "best").count == 1)
        #expect(elements(root, named: "path", class: "front-line").count == 1)
        #expect(svg.contains("latency (ms)") && svg.contains("top-1 (%)") && svg.contains("NB201 search"))
        // Deterministic.
        let again = ParetoPlot(title: "NB201 search", accuracyLabel: "top-1 (%)", points: points, front: front,
                               budgetMs: 15, best: best, referencePoint: (accuracy: 60, latencyMs: 40)).svg()
        #expect(svg == again)
    }

    @Test("Architecture strings and titles are XML-escaped")
    func escaping() throws {
        let odd = candidate(0, accuracy: 91.5, latencyMs: 7.25, arch: "|a<&>b~0|+|\"q\"'s~1|")
        let title = "A & B <search> \"x\" 'y'"
        let svg = ParetoPlot(title: title, accuracyLabel: "acc <%>", points: [odd], front: [odd], budgetMs: nil, best: odd).svg()
        #expect(svg.contains("|a&lt;&amp;&gt;b~0|+|&quot;q&quot;&apos;s~1|"))
        #expect(!svg.contains("a<&>b"))
        let root = try parse(svg)
        let tooltips = elements(root, named: "title").compactMap(\.stringValue)
        #expect(tooltips.contains { $0.contains("|a<&>b~0|+|\"q\"'s~1|") })
        #expect(tooltips.contains(title))
        #expect(elements(root, named: "text").compactMap(\.stringValue).contains("acc <%>"))
    }

    @Test("The budget line is drawn only when a budget is given")
    func budget() throws {
        let points = cloud(30)
        let front = ParetoFront.of(points)
        let with = try parse(ParetoPlot(title: "t", accuracyLabel: "a", points: points, front: front, budgetMs: 12.5, best: nil).svg())
        let group = try #require(elements(with, named: "g", class: "budget").first)
        #expect(elements(group, named: "line").count == 1)
        #expect(elements(group, named: "text").compactMap(\.stringValue) == ["budget 12.5 ms"])

        let without = ParetoPlot(title: "t", accuracyLabel: "a", points: points, front: front, budgetMs: nil, best: nil).svg()
        #expect(elements(try parse(without), named: "g", class: "budget").isEmpty)
        #expect(!without.contains("budget"))
        // A non-finite budget is no budget.
        let nan = ParetoPlot(title: "t", accuracyLabel: "a", points: points, front: front, budgetMs: .nan, best: nil).svg()
        #expect(nan == without)
    }

    @Test("Degenerate inputs still give valid SVG")
    func degenerate() throws {
        let empty = ParetoPlot(title: "empty", accuracyLabel: "a", points: [], front: [], budgetMs: nil, best: nil).svg()
        let emptyRoot = try parse(empty)
        #expect(empty.contains("no evaluated architectures"))
        #expect(elements(emptyRoot, named: "circle").isEmpty)

        let one = candidate(0, accuracy: 93.2, latencyMs: 12.3)
        let single = ParetoPlot(title: "one", accuracyLabel: "a", points: [one], front: [one], budgetMs: 20, best: one).svg()
        let singleRoot = try parse(single)
        #expect(elements(try #require(elements(singleRoot, named: "g", class: "evaluated").first), named: "circle").count == 1)
        #expect(single.contains("best: 93.2 @ 12.3 ms"))
        #expect(!single.contains("no evaluated architectures"))

        let same = (0..<4).map { candidate($0, accuracy: 0, latencyMs: 0) }
        let flat = ParetoPlot(title: "flat", accuracyLabel: "a", points: same, front: [same[0]], budgetMs: 0, best: same[0]).svg()
        _ = try parse(flat)
        #expect(!flat.contains("nan") && !flat.contains("inf"))

        var odd = cloud(10)
        odd.append(candidate(10, accuracy: .nan, latencyMs: 3))
        odd.append(candidate(11, accuracy: 80, latencyMs: .infinity))
        let skipped = ParetoPlot(title: "odd \u{1}", accuracyLabel: "a", points: odd, front: odd.suffix(2), budgetMs: .infinity,
                                 best: odd.last).svg()
        let skippedRoot = try parse(skipped)
        #expect(elements(try #require(elements(skippedRoot, named: "g", class: "evaluated").first), named: "circle").count == 10)
        #expect(elements(skippedRoot, named: "g", class: "front").isEmpty)
        #expect(elements(skippedRoot, named: "g", class: "best").isEmpty)
    }

    @Test("Axis ticks are 1/2/5 multiples covering the data")
    func ticks() throws {
        let points = [candidate(0, accuracy: 71.3, latencyMs: 2.2), candidate(1, accuracy: 93.9, latencyMs: 31.7)]
        let root = try parse(ParetoPlot(title: "t", accuracyLabel: "a", points: points, front: [], budgetMs: nil, best: nil).svg())
        let labels = elements(try #require(elements(root, named: "g", class: "tick-labels").first), named: "text")
        let xs = labels.filter { attribute($0, "text-anchor") == "middle" }.compactMap { $0.stringValue.flatMap(Double.init) }
        let ys = labels.filter { attribute($0, "text-anchor") == "end" }.compactMap { $0.stringValue.flatMap(Double.init) }
        #expect((5...12).contains(xs.count) && (5...12).contains(ys.count))
        for axis in [xs, ys] {
            let steps = Set(zip(axis, axis.dropFirst()).map { (($1 - $0) * 1000).rounded() / 1000 })
            #expect(steps.count == 1)
            if let step = steps.first {
                let mantissa = step / pow(10, floor(log10(step)))
                #expect([1.0, 2.0, 5.0].contains { abs($0 - mantissa) < 1e-9 })
            }
        }
    }
}

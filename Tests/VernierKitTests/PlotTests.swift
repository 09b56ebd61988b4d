import Foundation
import Testing
import VernierKit
import VernierModel
import VernierPlot
import VernierPredict
import VernierProfiler
import VernierTestSupport

/// The roofline, calibration and LUT-comparison plots, from data to SVG.
@Suite struct PlotTests {
    static let referenceLUT = SharedData.packageRoot.appendingPathComponent("lut/amd-epyc-2t-e057f4/fbnet.json").path
    static let ortLUT = SharedData.packageRoot.appendingPathComponent("lut/amd-epyc-2t-e057f4-ort/fbnet.json").path

    static let roofline = Roofline(
        peakGflopsOneCore: 102.4, peakGflopsAllCores: 203.7, sgemmGflops: 162.6, sgemmShape: "512x1024x512",
        bandwidthGBs: ["L1": 121.4, "L2": 99.6, "L3": 60.1, "DRAM": 18.2, "DRAM all threads": 21.5, "HBM <fast>": 400],
        sweep: [], ridgeFlopsPerByte: 9.5, threads: 2)

    /// Marks in the groups whose class has `token`.
    static func marks(_ root: SVGNode, groupClass token: String) -> Int {
        root.elements(named: "g", class: token).map { $0.children.filter { $0.name == "circle" || $0.name == "path" }.count }
            .reduce(0, +)
    }

    @Test func rooflinePlotDrawsTheCeilingsAndPlacesTheSpaceLayers() throws {
        let space = try Spaces.named("fbnet")
        var table = try LUTFile.load(path: Self.referenceLUT).entries.mapValues(\.stats.medianMs)
        let full = RooflineLayerPoint.layers(of: space, resolution: nil, lut: table)
        #expect(!full.points.isEmpty)
        // Three layers lose their entry: they are not drawn, and the legend says so.
        for point in full.points.prefix(3) { table[point.key] = nil }
        let placed = RooflineLayerPoint.layers(of: space, resolution: nil, lut: table)
        #expect(placed.missing == full.missing + 3)
        #expect(placed.points.count + placed.missing + placed.unplaceable == space.distinctLayers(resolution: nil).count)
        #expect(placed.points.allSatisfy { $0.isPlaceable && $0.gflops > 0 && $0.gflops.isFinite })

        let svg = RooflinePlot(title: "Roofline of amd-epyc: fbnet layers", roofline: Self.roofline, layers: placed.points,
                               missing: placed.missing, unplaceable: placed.unplaceable).svg()
        let root = try SVGNode.parse(svg)
        #expect(root.attributes["role"] == "img")
        #expect(root.first(named: "title")?.text == "Roofline of amd-epyc: fbnet layers")
        #expect(Self.marks(root, groupClass: "layers") == placed.points.count)
        #expect(root.elements(named: "path", class: "ceiling").count == 2 + 6)
        #expect(root.elements(named: "path", class: "compute").count == 2)
        let oneCore = try #require(root.first(named: "path", class: "one-core"))
        #expect(oneCore.attributes["stroke-dasharray"] != nil)
        let bandwidth = root.elements(named: "path", class: "bandwidth")
        #expect(bandwidth.count == 6)
        // A bandwidth ceiling rises then meets the roof: three vertices when its ridge is in view.
        #expect(bandwidth.contains { ($0.attributes["d"] ?? "").filter { $0 == "L" }.count == 2 })
        let legend = try #require(root.first(named: "g", class: "legend")).elements(named: "text").map(\.text)
        #expect(legend.contains("peak, 2 threads: 203.7 GFLOP/s") && legend.contains("peak, 1 core: 102.4 GFLOP/s"))
        for level in ["L1: 121.4 GB/s", "L2: 99.6 GB/s", "L3: 60.1 GB/s", "DRAM: 18.2 GB/s", "DRAM all threads: 21.5 GB/s", "HBM <fast>: 400 GB/s"] {
            #expect(legend.contains(level), "\(level) in \(legend)")
        }
        #expect(legend.contains { $0.hasPrefix("\(placed.missing) without a LUT entry") })
        let x = root.elements(named: "text", class: "x-title").map(\.text)
        #expect(x == ["arithmetic intensity (FLOP/byte)"])
        #expect(root.elements(named: "text", class: "y-title").map(\.text) == ["performance (GFLOP/s)"])
        #expect(svg.contains("HBM &lt;fast&gt;") && !svg.contains("nan") && !svg.contains("inf"))
    }

    @Test func rooflinePlotSkipsLayersThatCannotBePlaced() throws {
        let layers = [
            RooflineLayerPoint(key: "conv-a", op: "conv", flops: 2_000_000, arithmeticIntensity: 12, medianMs: 0.05),
            RooflineLayerPoint(key: "dw-b", op: "dwconv", flops: 300_000, arithmeticIntensity: 0.8, medianMs: 0.02),
            RooflineLayerPoint(key: "pool", op: "avgpool", flops: 0, arithmeticIntensity: 0, medianMs: 0.01),
            RooflineLayerPoint(key: "zero", op: "conv", flops: 1_000, arithmeticIntensity: 1, medianMs: 0),
        ]
        #expect(abs(layers[0].gflops - 40) < 1e-9)
        let root = try SVGNode.parse(RooflinePlot(title: "t", roofline: Self.roofline, layers: layers, missing: 5).svg())
        #expect(Self.marks(root, groupClass: "layers") == 2)
        #expect(root.elements(named: "g", class: "layers-conv").count == 1 && root.elements(named: "g", class: "layers-dwconv").count == 1)
        let legend = root.elements(named: "text").map(\.text)
        #expect(legend.contains("5 without a LUT entry: not drawn") && legend.contains("2 without FLOPs or time: not drawn"))
        // No layers at all: the ceilings alone, and a note in the middle.
        let empty = try SVGNode.parse(RooflinePlot(title: "t", roofline: Self.roofline, layers: []).svg())
        #expect(empty.elements(named: "path", class: "ceiling").count == 8)
        #expect(empty.elements(named: "text", class: "empty").count == 1)
    }

    @Test func calibrationPlotShowsHeldOutAndTrainingAgainstTheDiagonal() throws {
        let heldOut = (0..<60).map { i -> CalibrationPrediction in
            let measured = 1 + Double(i) / 4
            return CalibrationPrediction(arch: "arch-\(i)", measuredMs: measured, predictedMs: measured * (1 + 0.15 * sin(Double(i))))
        }
        var training = (0..<25).map { i in
            CalibrationPrediction(arch: "train-\(i)", measuredMs: 2 + Double(i) / 3, predictedMs: (2 + Double(i) / 3) * 1.02)
        }
        training.append(CalibrationPrediction(arch: "broken", measuredMs: 0, predictedMs: 1))
        training.append(CalibrationPrediction(arch: "nan", measuredMs: 2, predictedMs: .nan))
        let svg = CalibrationPlot(title: "Calibration of nb201 on pixel3", training: training, heldOut: heldOut).svg()
        let root = try SVGNode.parse(svg)
        #expect(root.first(named: "title")?.text == "Calibration of nb201 on pixel3")
        #expect(Self.marks(root, groupClass: "held-out") == 60)
        #expect(Self.marks(root, groupClass: "training") == 25)
        #expect(root.first(named: "g", class: "held-out")?.children.first?.name == "circle")
        #expect(root.first(named: "g", class: "training")?.children.first?.name == "path")
        #expect(root.elements(named: "path", class: "tolerance").count == 1)
        #expect(root.elements(named: "path", class: "identity").count == 1)
        let within = heldOut.filter { abs($0.predictedMs - $0.measuredMs) / $0.measuredMs <= 0.1 }.count
        let share = PlotNumber.fixed(100 * Double(within) / 60, decimals: 1)
        let legend = try #require(root.first(named: "g", class: "legend")).elements(named: "text").map(\.text)
        #expect(legend.contains("held out: 60 archs, \(share) % within ±10 %"), "\(legend)")
        #expect(legend.contains("training: 25 archs, 100 % within ±10 %"), "\(legend)")
        #expect(legend.contains("±10 %") && legend.contains("y = x") && legend.contains("2 without a positive latency: not drawn"))
        #expect(root.elements(named: "text", class: "subtitle").first?.text.contains("\(share) % within ±10 %") == true)
        #expect(root.elements(named: "text", class: "x-title").map(\.text) == ["measured latency (ms)"])
        #expect(root.elements(named: "text", class: "y-title").map(\.text) == ["predicted latency (ms)"])
        #expect(root.elements(named: "title").contains { $0.text.hasPrefix("arch-7\nmeasured") })
    }

    @Test func lutComparisonPlotHasOnePointPerCommonEntry() throws {
        let a = try LUTFile.load(path: Self.referenceLUT), b = try LUTFile.load(path: Self.ortLUT)
        let report = try LUTComparison(a, b, names: ("native.json", "ort.json"))
        let svg = LUTComparisonPlot(a, b, names: (first: "native.json", second: "ort.json")).svg()
        let root = try SVGNode.parse(svg)
        let common = Set(a.entries.keys).intersection(b.entries.keys)
        let positive = common.filter { (a.entries[$0]?.stats.medianMs ?? 0) > 0 && (b.entries[$0]?.stats.medianMs ?? 0) > 0 }
        #expect(report.common == common.count)
        #expect(Self.marks(root, groupClass: "entries") == positive.count)
        #expect(root.elements(named: "path", class: "identity").count == 1)
        #expect(root.elements(named: "path", class: "tolerance").count == 1)
        let x = try #require(root.elements(named: "text", class: "x-title").first).text
        let y = try #require(root.elements(named: "text", class: "y-title").first).text
        #expect(x.hasPrefix("A: native.json (\(a.device), \(a.backend))"), "\(x)")
        #expect(y.hasPrefix("B: ort.json (\(b.device), \(b.backend))"), "\(y)")
        #expect(root.first(named: "title")?.text == "LUT comparison: \(a.device) \(a.backend) vs \(b.device) \(b.backend)")
        // Every point's tooltip names its key.
        let tooltips = root.elements(named: "g", class: "entries").flatMap { $0.elements(named: "title") }.map(\.text)
        #expect(Set(tooltips.compactMap { $0.split(separator: "\n").first.map(String.init) }) == positive)
        // Ops get their own series; their counts add up.
        let legend = try #require(root.first(named: "g", class: "legend")).elements(named: "text").map(\.text)
        #expect(legend.contains("y = x") && legend.contains("±10 %"))
        #expect(svg == LUTComparisonPlot(a, b, names: (first: "native.json", second: "ort.json")).svg())
    }
}

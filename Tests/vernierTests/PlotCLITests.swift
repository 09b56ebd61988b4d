import Foundation
import Testing
import VernierTestSupport

/// `--plot` of `lut compare`, `calibrate` and `roofline` as a user runs them.
extension CLITests {
    static let referenceLUT = SharedData.packageRoot.appendingPathComponent("lut/amd-epyc-2t-e057f4/fbnet.json").path
    static let ortLUT = SharedData.packageRoot.appendingPathComponent("lut/amd-epyc-2t-e057f4-ort/fbnet.json").path

    /// Marks (circles and paths) in the groups whose class has `token`.
    static func marks(_ root: SVGNode, groupClass token: String) -> Int {
        root.elements(named: "g", class: token).map { $0.children.filter { $0.name == "circle" || $0.name == "path" }.count }
            .reduce(0, +)
    }

    @Test func lutCompareWritesAScatterOfTheCommonEntries() throws {
        let dir = try Self.workdir()
        let result = try Self.run(["lut", "compare", Self.referenceLUT, Self.ortLUT, "--plot", "plots/compare.svg", "--json"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let common = try #require(report["common"] as? Int)
        let svg = try String(contentsOf: dir.appendingPathComponent("plots/compare.svg"), encoding: .utf8)
        let root = try SVGNode.parse(svg)
        #expect(root.attributes["role"] == "img")
        #expect(Self.marks(root, groupClass: "entries") == common)
        #expect(root.elements(named: "path", class: "identity").count == 1)
        let x = root.elements(named: "text", class: "x-title").map(\.text).first ?? ""
        let y = root.elements(named: "text", class: "y-title").map(\.text).first ?? ""
        #expect(x.hasPrefix("A: ") && x.contains("native"), "\(x)")
        #expect(y.hasPrefix("B: ") && y.contains("runner:onnxruntime"), "\(y)")
        // Without --plot nothing is written.
        let plain = try Self.run(["lut", "compare", Self.referenceLUT, Self.ortLUT], in: dir)
        #expect(plain.status == 0 && plain.stdout.contains("common entries"), "\(plain.stderr)")
    }

    @Test func calibrateWritesPredictedAgainstMeasured() throws {
        let dir = try Self.workdir()
        let csv = SharedData.url("latency/help_nb201_latency_ms.csv").path
        let result = try Self.run(["calibrate", "--space", "nb201", "--measurements", csv, "--column", "gold_6226",
                                   "--train", "100", "--test", "300", "--json", "--out", "cal.json", "--plot", "cal.svg"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let root = try SVGNode.parse(try String(contentsOf: dir.appendingPathComponent("cal.svg"), encoding: .utf8))
        // One mark per arch (an arch predicted at 0 ms or less could not go on the log axes: none here).
        #expect(Self.marks(root, groupClass: "held-out") == 300)
        #expect(Self.marks(root, groupClass: "training") == 100)
        #expect(!root.elements(named: "text").contains { $0.text.hasSuffix("not drawn") })
        #expect(root.elements(named: "path", class: "tolerance").count == 1)
        #expect(root.elements(named: "path", class: "identity").count == 1)
        #expect(root.first(named: "title")?.text.contains("nb201") == true)
        let refused = try Self.run(["calibrate", "--space", "nb201", "--measurements", csv, "--column", "pixel3", "--train", "10",
                                    "--transfer", "all", "--plot", "t.svg"], in: dir)
        #expect(refused.status != 0 && refused.stderr.contains("--plot does not go with --transfer"), "\(refused.stderr)")
    }

    /// The committed reference profile has a roofline: `--plot` draws it without measuring, with
    /// the layers a LUT file times, or none (all counted as without an entry) when the device has
    /// no stored LUT.
    @Test func rooflinePlotUsesTheStoredRoofline() throws {
        let dir = try Self.workdir()
        let profiles = dir.appendingPathComponent("profiles")
        try FileManager.default.createDirectory(at: profiles, withIntermediateDirectories: true)
        let device = "amd-epyc-2t-e057f4"
        try FileManager.default.copyItem(at: SharedData.packageRoot.appendingPathComponent("device-profiles/\(device).json"),
                                         to: profiles.appendingPathComponent("\(device).json"))
        let withLUT = try Self.run(["roofline", "--device", device, "--out", "profiles", "--plot", "roofline.svg",
                                    "--lut", Self.referenceLUT], in: dir)
        #expect(withLUT.status == 0, "\(withLUT.stderr)")
        #expect(withLUT.stdout.contains("ridge point: 9.5 FLOP/byte") && withLUT.stdout.contains("plot: "), "\(withLUT.stdout)")
        let root = try SVGNode.parse(try String(contentsOf: dir.appendingPathComponent("roofline.svg"), encoding: .utf8))
        #expect(root.elements(named: "path", class: "compute").count == 2)
        #expect(root.elements(named: "path", class: "bandwidth").count == 5)
        #expect(Self.marks(root, groupClass: "layers") > 50)

        let withoutLUT = try Self.run(["roofline", "--device", device, "--out", "profiles", "--plot", "bare.svg", "--json"], in: dir)
        #expect(withoutLUT.status == 0, "\(withoutLUT.stderr)")
        let bare = try SVGNode.parse(try String(contentsOf: dir.appendingPathComponent("bare.svg"), encoding: .utf8))
        #expect(Self.marks(bare, groupClass: "layers") == 0)
        #expect(bare.elements(named: "text").contains { $0.text.hasSuffix("without a LUT entry: not drawn") })

        let misuse = try Self.run(["roofline", "--lut", Self.referenceLUT], in: dir)
        #expect(misuse.status != 0 && misuse.stderr.contains("go with --plot"), "\(misuse.stderr)")
        let space = try Self.run(["roofline", "--device", device, "--out", "profiles", "--plot", "x.svg", "--space", "nope"], in: dir)
        #expect(space.status != 0)
    }
}

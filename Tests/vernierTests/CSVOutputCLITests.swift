import Foundation
import Testing
import VernierModel
import VernierTestSupport

/// `--csv` on `arch stats`, `lut export` and `predict`; `predict --device a,b`; and the
/// `calibrated:FILE` spelling `predict` shares with `search --latency` (#21).
extension CLITests {
    static let csvNB201LUT = SharedData.packageRoot.appendingPathComponent("lut/amd-epyc-2t-e057f4/nb201.json").path
    static let csvFBNetCalibration = SharedData.packageRoot.appendingPathComponent("calibration/amd-epyc-2t-e057f4-fbnet.json").path
    static let csvNB201Archs = ["|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|",
                                "|nor_conv_3x3~0|+|none~0|skip_connect~1|+|avg_pool_3x3~0|nor_conv_1x1~1|none~2|"]

    /// The rows of RFC 4180 text: a quoted field may hold commas, doubled quotes and line breaks.
    static func parsedCSV(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var inQuotes = false
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if inQuotes {
                if scalar == "\"" {
                    if index + 1 < scalars.count && scalars[index + 1] == "\"" {
                        field.unicodeScalars.append(scalar)
                        index += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    field.unicodeScalars.append(scalar)
                }
            } else if scalar == "\"" {
                inQuotes = true
            } else if scalar == "," {
                row.append(field)
                field = ""
            } else if scalar == "\n" {
                row.append(field)
                rows.append(row)
                row = []
                field = ""
            } else if scalar != "\r" {
                field.unicodeScalars.append(scalar)
            }
            index += 1
        }
        if !field.isEmpty || !row.isEmpty {
            row.append(field)
            rows.append(row)
        }
        return rows
    }

    /// Whether two latencies agree to rounding.
    static func agree(_ a: Double?, _ b: Double?) -> Bool {
        guard let a, let b else { return false }
        return abs(a - b) <= 1e-12 * max(abs(a), abs(b))
    }

    /// A directory whose store holds the committed NB201 LUT for its device and a copy of it for
    /// device `twin` with every latency doubled.
    static func twoDeviceStore() throws -> URL {
        let dir = try workdir()
        var lut = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: csvNB201LUT))) as? [String: Any])
        let entries = try #require(lut["entries"] as? [String: [String: Any]])
        lut["entries"] = entries.mapValues { (original: [String: Any]) -> [String: Any] in
            var entry = original
            for field in ["median_ms", "mean_ms", "mad_ms", "std_ms"] {
                entry[field] = (original[field] as? Double ?? 0) * 2
            }
            return entry
        }
        lut["device"] = "twin"
        try JSONSerialization.data(withJSONObject: lut).write(to: dir.appendingPathComponent("twin.json"))
        for file in [csvNB201LUT, "twin.json"] {
            let imported = try run(["lut", "import", file], in: dir)
            #expect(imported.status == 0, "\(imported.stderr)")
        }
        return dir
    }

    /// `arch stats --csv`: the JSON's keys as the header, one row per arch, the same numbers; a
    /// custom model's name with a comma and quotes is quoted and reads back whole.
    @Test func archStatsCSVParsesBack() throws {
        let dir = try Self.workdir()
        let arguments = ["arch", "stats", "--space", "nb201"] + Self.csvNB201Archs.flatMap { ["--arch", $0] }
        let csv = try Self.run(arguments + ["--csv"], in: dir)
        #expect(csv.status == 0, "\(csv.stderr)")
        let rows = Self.parsedCSV(csv.stdout)
        let header = ["arch", "macs", "params", "activation_bytes", "weight_bytes", "peak_activation_bytes"]
        #expect(rows.first == header, "\(csv.stdout)")
        #expect(rows.count == 1 + Self.csvNB201Archs.count, "\(csv.stdout)")
        #expect(rows.dropFirst().map { $0.first ?? "" } == Self.csvNB201Archs)
        let json = try Self.run(arguments + ["--json"], in: dir)
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]], "\(json.stderr)")
        for (row, object) in zip(rows.dropFirst(), objects) {
            try #require(row.count == header.count, "\(row)")
            for (column, key) in header.enumerated().dropFirst() {
                #expect(Int(row[column]) == object[key] as? Int, "\(key): \(row[column])")
            }
        }

        var model = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: SharedData.packageRoot.appendingPathComponent("examples/mobilenet_v2.json"))) as? [String: Any])
        let name = "mobilenet, \"v2\""
        model["name"] = name
        try JSONSerialization.data(withJSONObject: model).write(to: dir.appendingPathComponent("named.json"))
        let custom = try Self.run(["arch", "stats", "--space", "custom", "--arch", "named.json", "--csv"], in: dir)
        #expect(custom.status == 0, "\(custom.stderr)")
        #expect(custom.stdout.contains("\"mobilenet, \"\"v2\"\"\","), "\(custom.stdout)")
        let customRows = Self.parsedCSV(custom.stdout)
        #expect(customRows.count == 2, "\(customRows)")
        let modelRow = try #require(customRows.last)
        try #require(modelRow.count == header.count, "\(modelRow)")
        #expect(modelRow[0] == name, "\(modelRow)")
        #expect(Int(modelRow[2]) == 3_504_872, "\(modelRow)")

        try Self.expectOneErrorLine(arguments + ["--csv", "--json"], fragment: "--json and --csv")
    }

    /// `lut export --csv`: the file is written as ever; stdout holds one row per entry with the
    /// medians at full precision.
    @Test func lutExportCSVListsEveryEntry() throws {
        let dir = try Self.twoDeviceStore()
        let result = try Self.run(["lut", "export", "--space", "nb201", "--device", "amd-epyc-2t-e057f4", "--out", "out.json", "--csv"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("wrote ") && result.stderr.contains("out.json"), "\(result.stderr)")
        let written = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("out.json"))) as? [String: Any])
        let entries = try #require(written["entries"] as? [String: [String: Any]])
        let rows = Self.parsedCSV(result.stdout)
        let header = try #require(rows.first)
        #expect(header == ["key", "op", "median_ms", "mad_ms", "mean_ms", "std_ms", "cv", "repetitions", "inner_iterations", "source"])
        #expect(rows.count == entries.count + 1 && entries.count > 0, "\(result.stdout.prefix(300))")
        let keys = rows.dropFirst().map { $0.first ?? "" }
        #expect(keys == keys.sorted() && Set(keys) == Set(entries.keys))
        for row in rows.dropFirst() {
            try #require(row.count == header.count, "\(row)")
            let entry = try #require(entries[row[0]])
            #expect(row[1] == entry["op"] as? String)
            #expect(Self.agree(Double(row[2]), entry["median_ms"] as? Double), "\(row)")
            #expect(Int(row[7]) == entry["repetitions"] as? Int)
        }
    }

    /// `predict --csv` with one device: `arch,latency_ms`, the values `--json` gives.
    @Test func predictCSVMatchesJSON() throws {
        let dir = try Self.workdir()
        let arguments = ["predict", "--space", "fbnet", "--arch", "fbnet-b", "--arch", "fbnet-c", "--calibration", Self.csvFBNetCalibration]
        let csv = try Self.run(arguments + ["--csv"], in: dir)
        #expect(csv.status == 0, "\(csv.stderr)")
        let rows = Self.parsedCSV(csv.stdout)
        #expect(rows.first == ["arch", "latency_ms"] && rows.count == 3, "\(csv.stdout)")
        let json = try Self.run(arguments + ["--json"], in: dir)
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]], "\(json.stderr)")
        #expect(objects.count == 2)
        for (row, object) in zip(rows.dropFirst(), objects) {
            try #require(row.count == 2, "\(row)")
            #expect(row[0] == object["arch"] as? String)
            #expect(Self.agree(Double(row[1]), object["latency_ms"] as? Double), "\(row)")
        }
    }

    /// `predict --device a,b`: one column per device in text, JSON and CSV, each the device's own
    /// prediction (the twin's LUT is doubled, so is its column), also through the compiled table
    /// (300 archs); a device without a LUT is an error naming it, before anything is printed.
    @Test func predictOnSeveralDevicesSideBySide() throws {
        let dir = try Self.twoDeviceStore()
        let devices = "amd-epyc-2t-e057f4,twin"
        let archArguments = ["predict", "--space", "nb201"] + Self.csvNB201Archs.flatMap { ["--arch", $0] }
        let arguments = archArguments + ["--device", devices]

        let json = try Self.run(arguments + ["--json"], in: dir)
        #expect(json.status == 0, "\(json.stderr)")
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]], "\(json.stdout)")
        #expect(objects.compactMap { $0["arch"] as? String } == Self.csvNB201Archs)
        let single = try Self.run(archArguments + ["--device", "amd-epyc-2t-e057f4", "--json"], in: dir)
        let singles = try #require(try JSONSerialization.jsonObject(with: Data(single.stdout.utf8)) as? [[String: Any]], "\(single.stderr)")
        for (object, alone) in zip(objects, singles) {
            let byDevice = try #require(object["latency_ms_by_device"] as? [String: Double], "\(object)")
            #expect(Set(byDevice.keys) == ["amd-epyc-2t-e057f4", "twin"])
            #expect(Self.agree(byDevice["amd-epyc-2t-e057f4"], alone["latency_ms"] as? Double))
            #expect(Self.agree(byDevice["twin"], byDevice["amd-epyc-2t-e057f4"].map { $0 * 2 }), "\(byDevice)")
        }

        let csv = try Self.run(arguments + ["--csv"], in: dir)
        #expect(csv.status == 0, "\(csv.stderr)")
        let rows = Self.parsedCSV(csv.stdout)
        #expect(rows.first == ["arch", "amd-epyc-2t-e057f4", "twin"], "\(csv.stdout)")
        #expect(rows.count == 3 && rows.allSatisfy { $0.count == 3 }, "\(csv.stdout)")

        let text = try Self.run(arguments, in: dir)
        #expect(text.status == 0, "\(text.stderr)")
        let lines = text.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3, "\(text.stdout)")
        #expect(lines.first.map { $0.contains("amd-epyc-2t-e057f4") && $0.contains("twin") && $0.hasSuffix("arch") } == true, "\(text.stdout)")
        #expect(lines.dropFirst().allSatisfy { $0.components(separatedBy: " ms").count == 3 }, "\(text.stdout)")

        // Many archs: the compiled-table path gives each device's column too.
        let space = NB201Space()
        let many = space.sampleDistinct(count: 300, seed: 5).map(space.format)
        try Data((many.joined(separator: "\n") + "\n").utf8).write(to: dir.appendingPathComponent("many.txt"))
        let table = try Self.run(["predict", "--space", "nb201", "--archs-file", "many.txt", "--device", devices, "--csv"], in: dir)
        #expect(table.status == 0, "\(table.stderr)")
        let tableRows = Self.parsedCSV(table.stdout)
        #expect(tableRows.count == 301 && tableRows.dropFirst().map { $0[0] } == many, "\(table.stdout.prefix(300))")
        #expect(tableRows.dropFirst().allSatisfy { row in
            guard row.count == 3, let a = Double(row[1]), let b = Double(row[2]) else { return false }
            return abs(b / (2 * a) - 1) < 1e-9
        })

        let unknown = try Self.run(archArguments + ["--device", "amd-epyc-2t-e057f4,nosuchdevice"], in: dir)
        #expect(unknown.status != 0 && unknown.stdout.isEmpty, "\(unknown.stdout)")
        let errorLines = unknown.stderr.split(separator: "\n")
        #expect(errorLines.count == 1 && errorLines[0].hasPrefix("error: ") && errorLines[0].contains("nosuchdevice"), "\(unknown.stderr)")

        try Self.expectOneErrorLine(["predict", "--space", "nb201", "--arch", Self.csvNB201Archs[0], "--device", "twin,twin"],
                                    fragment: "'twin' twice")
        try Self.expectOneErrorLine(["predict", "--space", "nb201", "--arch", Self.csvNB201Archs[0], "--device", "twin,",
                                     "--predictor", "lut"], fragment: "empty device name")
        try Self.expectOneErrorLine(["predict", "--space", "nb201", "--arch", Self.csvNB201Archs[0], "--device", devices,
                                     "--lut", Self.csvNB201LUT], fragment: "--lut is one device's LUT")
    }

    /// `predict --predictor calibrated:FILE` is `search --latency calibrated:FILE`'s spelling and
    /// gives what `--calibration FILE` gives; both help texts name it the same way.
    @Test func predictTakesTheCalibratedSpellingOfSearch() throws {
        let dir = try Self.workdir()
        let base = ["predict", "--space", "fbnet", "--arch", "fbnet-b", "--json"]
        let spelled = try Self.run(base + ["--predictor", "calibrated:\(Self.csvFBNetCalibration)"], in: dir)
        #expect(spelled.status == 0, "\(spelled.stderr)")
        for old in [["--calibration", Self.csvFBNetCalibration],
                    ["--predictor", "calibrated", "--calibration", Self.csvFBNetCalibration]] {
            let result = try Self.run(base + old, in: dir)
            #expect(result.status == 0 && result.stdout == spelled.stdout, "\(old): \(result.stdout)\(result.stderr)")
        }
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(spelled.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 1 && (rows[0]["latency_ms"] as? Double ?? 0) > 0, "\(spelled.stdout)")

        try Self.expectOneErrorLine(base + ["--predictor", "calibrated:\(Self.csvFBNetCalibration)", "--calibration", "other.json"],
                                    fragment: "two calibration files")
        try Self.expectOneErrorLine(base + ["--predictor", "calibrated"], fragment: "calibrated:FILE")
        try Self.expectOneErrorLine(base + ["--predictor", "calibrated:"], fragment: "unknown --predictor 'calibrated:'")
        try Self.expectOneErrorLine(base + ["--predictor", "calibrated:/nonexistent-calibration.json"],
                                    fragment: "/nonexistent-calibration.json")
        try Self.expectOneErrorLine(["predict", "--space", "nb201", "--arch", Self.csvNB201Archs[0], "--device", "a,b",
                                     "--predictor", "calibrated:\(Self.csvFBNetCalibration)"], fragment: "one device's model")

        for command in [["predict"], ["search"]] {
            let help = try Self.run(command + ["--help"], in: dir)
            #expect(help.stdout.contains("calibrated:FILE"), "\(command): \(help.stdout)")
        }
    }
}

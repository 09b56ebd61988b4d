import Foundation
import Testing
import VernierTestSupport

/// `lut list` over a store seeded by `lut import`, and `lut compare --entries`.
extension CLITests {
    static let referenceNB201LUT = SharedData.packageRoot.appendingPathComponent("lut/amd-epyc-2t-e057f4/nb201.json").path

    @Test func lutListShowsWhatIsStored() throws {
        let dir = try Self.workdir()
        let empty = try Self.run(["lut", "list"], in: dir)
        #expect(empty.status == 0, "\(empty.stderr)")
        #expect(empty.stdout.hasPrefix("no LUTs are stored") && empty.stdout.contains("vernier profile"), "\(empty.stdout)")
        let emptyJSON = try Self.run(["lut", "list", "--json"], in: dir)
        #expect(emptyJSON.status == 0 && emptyJSON.stdout == "[]\n", "\(emptyJSON.stdout)\(emptyJSON.stderr)")

        for file in [Self.referenceLUT, Self.referenceNB201LUT] {
            let imported = try Self.run(["lut", "import", file], in: dir)
            #expect(imported.status == 0, "\(imported.stderr)")
        }
        let listed = try Self.run(["lut", "list", "--json"], in: dir)
        #expect(listed.status == 0, "\(listed.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]], "\(listed.stdout)")
        // Spaces in `vernier spaces` order: nb201 before fbnet.
        #expect(rows.prefix(2).map { $0["space"] as? String } == ["nb201", "fbnet"], "\(rows)")
        for row in rows {
            #expect(row["device"] as? String == "amd-epyc-2t-e057f4" && row["backend"] as? String == "native")
            for key in ["resolutions", "entries", "layers", "backend_entries", "sources", "first_measured_at", "last_measured_at", "time_bases"] {
                #expect(row[key] != nil, "missing \(key) in \(row)")
            }
            #expect(row["time_bases"] as? [Any] != nil, "an imported device has no time base, an empty array")
        }
        let nb201 = try #require(rows.first { $0["space"] as? String == "nb201" })
        #expect(nb201["resolutions"] as? [Int] == [32])
        #expect(nb201["entries"] as? Int == 28)
        let fbnet = try #require(rows.first { $0["space"] as? String == "fbnet" })
        #expect(fbnet["resolutions"] as? [Int] == [224])
        #expect(fbnet["entries"] as? Int == 106)
        #expect((fbnet["layers"] as? Int ?? 0) >= 106)
        #expect((fbnet["backend_entries"] as? Int ?? 0) >= 106 + 28 - 1)
        #expect((fbnet["sources"] as? [String])?.isEmpty == false)

        // The same rows for the device by name; an unknown device is one error line naming it.
        let one = try Self.run(["lut", "list", "--device", "amd-epyc-2t-e057f4", "--json"], in: dir)
        #expect(one.status == 0 && one.stdout == listed.stdout, "\(one.stdout)\(one.stderr)")
        let unknown = try Self.run(["lut", "list", "--device", "nope"], in: dir)
        #expect(unknown.status != 0 && unknown.stderr.hasPrefix("error: ") && unknown.stderr.contains("unknown device 'nope'"),
                "\(unknown.stderr)")

        // The table: a header, one line per LUT, columns aligned.
        let table = try Self.run(["lut", "list"], in: dir)
        #expect(table.status == 0, "\(table.stderr)")
        let lines = table.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == rows.count + 1, "\(table.stdout)")
        let header = try #require(lines.first)
        for column in ["device", "backend", "space", "resolution", "entries", "layers", "time base", "updated"] {
            #expect(header.contains(column), "\(header)")
        }
        let backendColumn = try #require(header.range(of: "backend")).lowerBound.utf16Offset(in: header)
        for line in lines.dropFirst() {
            #expect(line.hasPrefix("amd-epyc-2t-e057f4 "), "\(line)")
            let native = line.range(of: "native").map { $0.lowerBound.utf16Offset(in: line) }
            #expect(native == backendColumn, "not aligned: \(table.stdout)")
        }
        #expect(lines.contains { $0.contains(" fbnet ") && $0.contains(" 224 ") && $0.contains(" 106 ") }, "\(table.stdout)")
    }

    @Test func lutCompareListsEveryCommonEntryWhenAsked() throws {
        let dir = try Self.workdir()
        let summary = try Self.run(["lut", "compare", Self.referenceLUT, Self.ortLUT, "--json"], in: dir)
        #expect(summary.status == 0, "\(summary.stderr)")
        let plain = try #require(try JSONSerialization.jsonObject(with: Data(summary.stdout.utf8)) as? [String: Any])
        #expect(plain["entries"] == nil, "entries only with --entries")
        let common = try #require(plain["common"] as? Int)

        let result = try Self.run(["lut", "compare", Self.referenceLUT, Self.ortLUT, "--entries", "--json"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(report["common"] as? Int == common && report["median"] as? Double == plain["median"] as? Double)
        let entries = try #require(report["entries"] as? [[String: Any]])
        #expect(entries.count == common)
        #expect(Set(entries.compactMap { $0["key"] as? String }).count == common)
        let differences = entries.compactMap { $0["relative_difference"] as? Double }
        #expect(differences.count == common, "the reference LUT has no zero median")
        #expect(zip(differences, differences.dropFirst()).allSatisfy { abs($0) >= abs($1) }, "largest |difference| first")
        let first = try #require(entries.first)
        let a = try #require(first["a_ms"] as? Double), b = try #require(first["b_ms"] as? Double)
        #expect(abs((b - a) / a - differences[0]) < 1e-12)
        // The summary's max is the largest |difference|.
        #expect(abs(abs(differences[0]) - (report["max"] as? Double ?? -1)) < 1e-12)

        // Text: the summary line, a header, one row per key in the same order.
        let text = try Self.run(["lut", "compare", Self.referenceLUT, Self.ortLUT, "--entries"], in: dir)
        #expect(text.status == 0, "\(text.stderr)")
        let lines = text.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == common + 2, "\(text.stdout.prefix(500))")
        #expect(lines.first?.contains("common entries") == true)
        #expect(lines.dropFirst().first?.hasPrefix("key") == true && lines.dropFirst().first?.contains("(B-A)/A") == true)
        #expect(lines.dropFirst(2).first?.hasPrefix((first["key"] as? String ?? "?") + " ") == true, "\(lines.prefix(3))")
        #expect(lines.dropFirst(2).first?.hasSuffix("%") == true)
    }
}

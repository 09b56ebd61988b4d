import Foundation
import Testing
import VernierStore
import VernierTestSupport

extension CLITests {
    static let quickProfile = ["profile", "--space", "nb201", "--resolution", "16", "--repetitions", "3",
                               "--min-sample-ms", "0.3", "--threads", "1", "--no-progress", "--json"]

    /// Whether a latency read back from JSON is the one written (JSONSerialization may not
    /// round-trip a double's last bit).
    static func same(_ read: Double?, _ written: Double) -> Bool {
        guard let read else { return false }
        return abs(read / written - 1) < 1e-12
    }

    /// The `time_base` of a `profile --json` run.
    static func timeBase(_ result: Result) throws -> [String: Any]? {
        let summaries = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [[String: Any]]
        return summaries[0]["time_base"] as? [String: Any]
    }

    /// The reference latency is measured once, kept in `device-profiles/<id>.json`, and reused by a
    /// build into a new database, so both builds share one time base.
    @Test func timeBaseLivesInTheDeviceProfileAndCarriesOverToANewDatabase() throws {
        let dir = try Self.workdir()
        let first = try Self.run(Self.quickProfile, in: dir)
        #expect(first.status == 0, "\(first.stderr)")
        let base = try #require(try Self.timeBase(first))
        let referenceMs = try #require(base["referenceMs"] as? Double)
        #expect(referenceMs > 0)
        #expect((base["referenceKey"] as? String)?.hasPrefix("mbconv") == true)
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("device-profiles").path)
        #expect(files.count == 1)
        let saved = try String(contentsOf: dir.appendingPathComponent("device-profiles/\(files[0])"), encoding: .utf8)
        #expect(saved.contains("\"timeBases\""))

        let second = try Self.run(Self.quickProfile + ["--db", "other.sqlite"], in: dir)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(Self.same(try Self.timeBase(second)?["referenceMs"] as? Double, referenceMs))

        let absolute = try Self.run(Self.quickProfile + ["--db", "absolute.sqlite", "--time-base", "absolute"], in: dir)
        #expect(absolute.status == 0, "\(absolute.stderr)")
        #expect(try Self.timeBase(absolute) == nil)
        try Self.expectOneErrorLine(Self.quickProfile + ["--time-base", "sometimes"], fragment: "unknown --time-base 'sometimes'")
    }

    /// `--out` names where the profile is read as well as written: a build into a new database in
    /// another directory reuses the base kept there, and saving never drops what only the file has
    /// (a roofline and fusion rules that the new database never saw).
    @Test func profileOutDirectoryIsReadAndNothingInItIsLost() throws {
        let dir = try Self.workdir()
        let first = try Self.run(Self.quickProfile + ["--out", "profiles"], in: dir)
        #expect(first.status == 0, "\(first.stderr)")
        let referenceMs = try #require(try Self.timeBase(first)?["referenceMs"] as? Double)
        let profiles = dir.appendingPathComponent("profiles")
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: profiles.path).first)
        let file = profiles.appendingPathComponent(name)
        var json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        json["fusionRules"] = ["runner:fake": ["conv+relu"]]
        try JSONSerialization.data(withJSONObject: json).write(to: file)

        let elsewhere = dir.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        let second = try Self.run(Self.quickProfile + ["--out", profiles.path, "--db", "new.sqlite"], in: elsewhere)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(Self.same(try Self.timeBase(second)?["referenceMs"] as? Double, referenceMs))
        // A profile saved from a database that never saw the file (a fresh probe) keeps its rules.
        let probe = try Self.run(["device", "probe", "--out", profiles.path, "--db", "third.sqlite"], in: elsewhere)
        #expect(probe.status == 0, "\(probe.stderr)")
        let saved = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        #expect((saved["fusionRules"] as? [String: [String]])?["runner:fake"] == ["conv+relu"], "\(saved)")
        let bases = try #require(saved["timeBases"] as? [[String: Any]])
        #expect(bases.contains { Self.same($0["referenceMs"] as? Double, referenceMs) }, "\(bases)")
    }

    /// A device known only from an imported LUT has a whole profile: it is listed, predicted on,
    /// and refused for local measuring with the reason; an old two-field import record still reads.
    @Test func importedDeviceIsUsableButNotMeasuredHere() throws {
        let dir = try Self.workdir()
        let yaml = SharedData.url("latency/ofa_note10_lut/224_lookup_table.yaml").path
        let imported = try Self.run(["lut", "import", yaml, "--format", "ofa-yaml", "--device", "note10"], in: dir)
        #expect(imported.status == 0, "\(imported.stderr)")
        let list = try Self.run(["device", "list"], in: dir)
        #expect(list.stdout.contains("note10"))
        let details = try Self.run(["device", "list", "--details", "--json"], in: dir)
        let summaries = try #require(try JSONSerialization.jsonObject(with: Data(details.stdout.utf8)) as? [[String: Any]], "\(details.stderr)")
        let note10 = try #require(summaries.first { $0["id"] as? String == "note10" })
        #expect(((note10["luts"] as? [String: Int])?["imported"] ?? 0) > 50)
        #expect((note10["source"] as? String)?.hasPrefix("imported from") == true)
        let arch = "r=224;d=2-2-2-2-2;ks=3-3-3-3-3-3-3-3-3-3-3-3-3-3-3-3-3-3-3-3;e=3-3-3-3-3-3-3-3-3-3-3-3-3-3-3-3-3-3-3-3"
        let predicted = try Self.run(["predict", "--space", "ofa-mbv3", "--device", "note10", "--backend", "imported", "--arch", arch, "--json"], in: dir)
        #expect(predicted.status == 0, "\(predicted.stderr)")
        for command in [["profile", "--space", "nb201"], ["roofline"], ["measure", "--space", "nb201", "--count", "1"]] {
            let result = try Self.run(command + ["--device", "note10", "--no-progress"], in: dir)
            #expect(result.status != 0)
            #expect(result.stderr.contains("device note10 is not this machine (imported from \(yaml))"), "\(command): \(result.stderr)")
        }

        let store = try SQLiteStore(path: dir.appendingPathComponent("vernier.sqlite").path)
        try store.saveDevice(id: "pixel1", profileJSON: #"{"id":"pixel1","source":"imported from old.yaml"}"#)
        let roofline = try Self.run(["predict", "--space", "ofa-mbv3", "--device", "pixel1", "--arch", arch,
                                     "--predictor", "roofline"], in: dir)
        #expect(roofline.status != 0)
        #expect(roofline.stderr.contains("pixel1") && roofline.stderr.contains("roofline"), "\(roofline.stderr)")
        #expect(!roofline.stderr.contains("unreadable"), "\(roofline.stderr)")
    }
}

/// `device import FILE.json`: a committed profile measured elsewhere becomes a known device.
extension CLITests {
    @Test func deviceImportReadsProfileFiles() throws {
        let dir = try Self.workdir()
        let committed = SharedData.packageRoot.appendingPathComponent("device-profiles/amd-epyc-2t-e057f4.json")
        var json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: committed)) as? [String: Any])
        json["id"] = "lab-box"
        try JSONSerialization.data(withJSONObject: json).write(to: dir.appendingPathComponent("lab-box.json"))
        let imported = try Self.run(["device", "import", "lab-box.json", "--json"], in: dir)
        #expect(imported.status == 0, "\(imported.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(imported.stdout.utf8)) as? [[String: Any]])
        #expect(rows.first?["device"] as? String == "lab-box" && (rows.first?["source"] as? String ?? "").contains("lab-box.json"))
        let list = try Self.run(["device", "list", "--json"], in: dir)
        #expect(list.stdout.contains("lab-box"), "\(list.stdout)")
        // It was measured elsewhere: nothing measures it here, and the hint says where its LUT comes from.
        let profile = try Self.run(["profile", "--device", "lab-box", "--space", "nb201", "--limit", "1"], in: dir)
        #expect(profile.status != 0 && profile.stderr.contains("not this machine"), "\(profile.stderr)")
        let predict = try Self.run(["predict", "--device", "lab-box", "--space", "nb201", "--arch",
                                    "|none~0|+|none~0|none~1|+|skip_connect~0|none~1|none~2|"], in: dir)
        #expect(predict.status != 0 && predict.stderr.contains("vernier lut import FILE --device lab-box"), "\(predict.stderr)")
        try Data("{\"id\": 3}".utf8).write(to: dir.appendingPathComponent("bad.json"))
        let bad = try Self.run(["device", "import", "bad.json"], in: dir)
        #expect(bad.status != 0 && bad.stderr.contains("bad.json is not a device profile"), "\(bad.stderr)")
        let neither = try Self.run(["device", "import"], in: dir)
        #expect(neither.status != 0 && neither.stderr.contains("give profile files"))
    }
}

/// `profile --space custom --model FILE`: the layers of the user's own model get LUT entries, and
/// the model is then predicted from them.
extension CLITests {
    @Test func profileMeasuresACustomModelsLayers() throws {
        let dir = try Self.workdir()
        let model = #"{"name": "tiny", "resolution": 16, "layers": [{"op":"conv","k":3,"cout":8}, {"op":"conv","k":1,"cout":16}, {"op":"globalpool"}, {"op":"fc","cout":10}]}"#
        try Data(model.utf8).write(to: dir.appendingPathComponent("tiny.json"))
        let fast = ["--threads", "1", "--repetitions", "3", "--min-sample-ms", "0.3", "--time-base", "absolute", "--passes", "1"]
        let missing = try Self.run(["predict", "--space", "custom", "--arch", "tiny.json"], in: dir)
        #expect(missing.status != 0 && missing.stderr.contains("vernier profile --space"), "\(missing.stderr)")
        let profiled = try Self.run(["profile", "--space", "custom", "--model", "tiny.json", "--json"] + fast, in: dir)
        #expect(profiled.status == 0, "\(profiled.stderr)")
        let summaries = try #require(try JSONSerialization.jsonObject(with: Data(profiled.stdout.utf8)) as? [[String: Any]])
        #expect(summaries.first?["space"] as? String == "custom")
        let predicted = try Self.run(["predict", "--space", "custom", "--arch", "tiny.json"], in: dir)
        #expect(predicted.status == 0, "\(predicted.stderr)")
        let noModel = try Self.run(["profile", "--space", "custom"], in: dir)
        #expect(noModel.status != 0 && noModel.stderr.contains("--space custom needs --model"))
    }
}

import Foundation
import Testing
import VernierTestSupport

/// The few-shot transfer commands as a user runs them: import reference devices from a public
/// table, suggest archs, calibrate a new device from 10 of them, predict with the file.
@Suite(.serialized) struct TransferCLITests {
    static let fbnet = SharedData.url("latency/help_fbnet_cifar100_latency_ms.csv").path

    @Test func importSuggestCalibratePredict() throws {
        let dir = try CLITests.workdir()
        let db = dir.appendingPathComponent("v.sqlite").path
        let imported = try CLITests.run(["device", "import", "--measurements", Self.fbnet, "--space", "fbnet", "--resolution", "32",
                                         "--column", "pixel3,raspi4,eyeriss,gold_6226", "--db", db, "--json"], in: dir)
        #expect(imported.status == 0, "\(imported.stderr)")
        let rows = try JSONSerialization.jsonObject(with: Data(imported.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(rows.count == 4 && rows.allSatisfy { $0["archs"] as? Int == 5000 })
        // The suggested archs of the references without pixel3; the new device "phone" is pixel3's column.
        let suggested = try CLITests.run(["arch", "suggest", "--space", "fbnet", "--resolution", "32", "--count", "10",
                                          "--transfer", "raspi4,eyeriss,gold_6226", "--db", db], in: dir)
        #expect(suggested.status == 0, "\(suggested.stderr)")
        let archs = suggested.stdout.split(separator: "\n").map(String.init)
        #expect(archs.count == 10 && Set(archs).count == 10)
        let table = try String(contentsOfFile: Self.fbnet, encoding: .utf8).split(separator: "\n")
        let header = table[0].split(separator: ",").map(String.init)
        let archColumn = header.firstIndex(of: "arch_str")!, pixel3 = header.firstIndex(of: "pixel3")!
        var latency: [String: String] = [:]
        for line in table.dropFirst() {
            let fields = line.split(separator: ",").map(String.init)
            latency[fields[archColumn]] = fields[pixel3]
        }
        let csv = "arch_str,phone\n" + archs.map { "\($0),\(latency[$0]!)\n" }.joined()
        try csv.write(to: dir.appendingPathComponent("phone.csv"), atomically: true, encoding: .utf8)
        let calibrated = try CLITests.run(["calibrate", "--space", "fbnet", "--resolution", "32", "--measurements", "phone.csv",
                                           "--column", "phone", "--train", "10", "--transfer", "raspi4,eyeriss,gold_6226",
                                           "--db", db, "--json"], in: dir)
        #expect(calibrated.status == 0, "\(calibrated.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(calibrated.stdout.utf8)) as? [String: Any] ?? [:]
        #expect(report["feature_set"] as? String == "transfer")
        #expect(report["model"] as? String == "calibration/phone-fbnet.json")
        // The file predicts pixel3's other archs well on its own (no store).
        let evaluated = try CLITests.run(["evaluate", "--space", "fbnet", "--resolution", "32", "--measurements", Self.fbnet,
                                          "--column", "pixel3", "--calibration", "calibration/phone-fbnet.json", "--json"], in: dir)
        #expect(evaluated.status == 0, "\(evaluated.stderr)")
        let scores = try JSONSerialization.jsonObject(with: Data(evaluated.stdout.utf8)) as? [String: Any] ?? [:]
        #expect((scores["spearman"] as? Double ?? 0) > 0.9)
        #expect((scores["within_10pct"] as? Double ?? 0) > 0.8)
    }

    @Test func badTransferInputGivesOneErrorLine() throws {
        let dir = try CLITests.workdir()
        let db = dir.appendingPathComponent("v.sqlite").path
        #expect(try CLITests.run(["device", "import", "--measurements", Self.fbnet, "--space", "fbnet", "--resolution", "32",
                                  "--column", "raspi4", "--db", db], in: dir).status == 0)
        let cases: [([String], String)] = [
            (["calibrate", "--space", "fbnet", "--resolution", "32", "--measurements", Self.fbnet, "--column", "pixel3",
              "--train", "10", "--transfer", "nosuch", "--db", db], "reference device 'nosuch'"),
            (["calibrate", "--space", "fbnet", "--resolution", "32", "--measurements", Self.fbnet, "--column", "pixel3",
              "--train", "4", "--transfer", "all", "--db", db], "at least 5"),
            (["calibrate", "--space", "nb201", "--measurements", SharedData.url("latency/help_nb201_latency_ms.csv").path,
              "--column", "pixel3", "--train", "10", "--transfer", "all", "--db", db], "no device"),
            (["device", "import", "--measurements", Self.fbnet, "--space", "fbnet", "--column", "nosuch", "--db", db], "no column 'nosuch'"),
            (["device", "import", "--measurements", Self.fbnet, "--space", "fbnet", "--min-ms", "nan", "--db", db], "--min-ms nan"),
            (["arch", "suggest", "--space", "fbnet", "--resolution", "9223372036854775807", "--db", db], "--resolution = 9223372036854775807 is not in 8...4096"),
            (["transfer-study", "--space", "fbnet", "--measurements", Self.fbnet, "--resolution", "0"], "--resolution = 0 is not in 8...4096"),
            (["evaluate", "--space", "fbnet", "--measurements", Self.fbnet, "--column", "pixel3", "--min-ms=-1",
              "--predictor", "flops"], "--min-ms -1.0"),
            (["device", "import", "--measurements", Self.fbnet, "--space", "fbnet", "--column", "pixel3", "--prefix", ".", "--db", db],
             "must be"),
        ]
        for (arguments, text) in cases {
            let result = try CLITests.run(arguments, in: dir)
            #expect(result.status != 0)
            let lines = result.stderr.split(separator: "\n")
            #expect(lines.count == 1 && lines[0].hasPrefix("error: ") && lines[0].contains(text), "\(arguments): \(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("calibration").path))
        let devices = try CLITests.run(["device", "list", "--db", db], in: dir)
        #expect(devices.stdout == "raspi4\n")
    }
}

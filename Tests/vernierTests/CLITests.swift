import Foundation
import Testing
import VernierModel
import VernierPredict
import VernierTestSupport

/// Runs the built `vernier` executable as a user would.
@Suite(.serialized) struct CLITests {
    static let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("vernier").path

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func workdir() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vernier-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    static func start(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws -> (Process, Pipe, Pipe) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        return (process, out, err)
    }

    @discardableResult
    static func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]) throws -> Result {
        let (process, out, err) = try start(arguments, in: directory ?? workdir(), environment: environment)
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Off a terminal, long commands print a plain progress line every few seconds (here every
    /// 0 s, through VERNIER_PROGRESS_SECONDS) instead of nothing; --no-progress silences them.
    @Test func progressIsPlainOffATerminal() throws {
        let dir = try Self.workdir()
        let arguments = ["measure", "--space", "nb201", "--count", "3", "--resolution", "16", "--time-base", "absolute",
                         "--repetitions", "3", "--min-sample-ms", "0.1"]
        let shown = try Self.run(arguments, in: dir, environment: ["VERNIER_PROGRESS_SECONDS": "0"])
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stderr.contains("measure nb201: 1/3,") && shown.stderr.contains("measure nb201: 3/3 in "), "\(shown.stderr)")
        #expect(!shown.stderr.contains("\u{1B}[K"))
        let quiet = try Self.run(arguments + ["--no-progress"], in: dir, environment: ["VERNIER_PROGRESS_SECONDS": "0"])
        #expect(!quiet.stderr.contains("measure nb201:"), "\(quiet.stderr)")
    }

    @Test func versionIsPrinted() throws {
        let result = try Self.run(["--version"])
        #expect(result.status == 0 && result.stdout == "0.6.0\n", "\(result.stdout)\(result.stderr)")
    }

    @Test func archsFileWithBOMAndCRLFIsRead() throws {
        let dir = try Self.workdir()
        let archs = ["|nor_conv_3x3~0|+|none~0|skip_connect~1|+|avg_pool_3x3~0|nor_conv_1x1~1|none~2|",
                     "|skip_connect~0|+|nor_conv_1x1~0|none~1|+|none~0|nor_conv_3x3~1|skip_connect~2|"]
        try Data(("\u{FEFF}" + archs.joined(separator: "\r\n") + "\r\n").utf8).write(to: dir.appendingPathComponent("w.txt"))
        let result = try Self.run(["arch", "stats", "--space", "nb201", "--archs-file", "w.txt", "--json"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(rows.compactMap { $0["arch"] as? String } == archs)
    }

    /// `predict` streams its archs file (read twice, never held): every line is checked before the
    /// first result is printed, so a bad line at the end prints nothing but its error; 300 archs
    /// take the compiled-table path and agree with one-by-one predictions (a committed calibration,
    /// so no device is needed).
    @Test func predictStreamsItsArchsFileAllOrNothing() throws {
        let dir = try Self.workdir()
        let space = FBNetSpace()
        let archs = space.sampleDistinct(count: 300, seed: 5).map(space.format)
        let calibration = SharedData.packageRoot.appendingPathComponent("calibration/amd-epyc-2t-e057f4-fbnet.json").path
        try Data(("# sampled\n" + archs.joined(separator: "\r\n") + "\n").utf8).write(to: dir.appendingPathComponent("many.txt"))
        let many = try Self.run(["predict", "--space", "fbnet", "--archs-file", "many.txt", "--calibration", calibration, "--json"], in: dir)
        #expect(many.status == 0, "\(many.stderr)")
        let rows = try JSONSerialization.jsonObject(with: Data(many.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(rows.compactMap { $0["arch"] as? String } == archs)
        let one = try Self.run(["predict", "--space", "fbnet", "--arch", archs[7], "--calibration", calibration, "--json"], in: dir)
        let single = try JSONSerialization.jsonObject(with: Data(one.stdout.utf8)) as? [[String: Any]] ?? []
        let streamed = try #require(rows[7]["latency_ms"] as? Double)
        let alone = try #require(single.first?["latency_ms"] as? Double)
        #expect(abs(streamed / alone - 1) < 1e-9)
        try Data((archs.prefix(3).joined(separator: "\n") + "\nnot-an-arch\n").utf8).write(to: dir.appendingPathComponent("bad.txt"))
        let bad = try Self.run(["predict", "--space", "fbnet", "--archs-file", "bad.txt", "--calibration", calibration], in: dir)
        #expect(bad.status != 0 && bad.stdout.isEmpty && bad.stderr.contains("bad.txt line 4"), "\(bad.stdout)\(bad.stderr)")
    }

    /// A resolution beside an ofa-mbv3 arch would be ignored (the arch's `r=` decides): refused.
    @Test func resolutionIsRefusedWhereTheArchCarriesIt() throws {
        let arch = OFAMobileNetV3Space().format(OFAMobileNetV3Space().sample(count: 1, seed: 1)[0])
        for arguments in [["predict", "--space", "ofa-mbv3", "--arch", arch, "--predictor", "flops", "--resolution", "160"],
                          ["arch", "layers", "--space", "ofa-mbv3", "--resolution", "160"]] {
            let result = try Self.run(arguments)
            #expect(result.status != 0 && result.stderr.contains("does not apply to ofa-mbv3"), "\(arguments): \(result.stderr)")
        }
    }

    @Test func archStatsJSONFollowsTheContract() throws {
        let result = try Self.run(["arch", "stats", "--space", "custom", "--arch",
                                   SharedData.packageRoot.appendingPathComponent("examples/mobilenet_v2.json").path, "--json"])
        #expect(result.status == 0)
        let rows = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [[String: Any]]
        #expect(rows.count == 1)
        // DESIGN.md's keys, plus the peak activation memory (#18).
        #expect(Set(rows[0].keys) == ["arch", "macs", "params", "activation_bytes", "weight_bytes", "peak_activation_bytes"])
        // The first inverted residual at 112×112 holds its 32-channel input, the 32-channel
        // depthwise output and the 16-channel output at once: at least 80 × 112 × 112 floats.
        #expect((rows[0]["peak_activation_bytes"] as? Int ?? 0) >= 80 * 112 * 112 * 4)
        #expect(rows[0]["params"] as? Int == 3_504_872)
    }

    @Test func sampleIsIdenticalAcrossRunsAndParsesBack() throws {
        for space in ["nb201", "fbnet", "mnasnet", "ofa-mbv3"] {
            let a = try Self.run(["arch", "sample", "--space", space, "--count", "100", "--seed", "1"])
            let b = try Self.run(["arch", "sample", "--space", space, "--count", "100", "--seed", "1"])
            #expect(a.status == 0 && a.stdout == b.stdout)
            let dir = try Self.workdir()
            let file = dir.appendingPathComponent("archs.txt")
            try a.stdout.write(to: file, atomically: true, encoding: .utf8)
            let stats = try Self.run(["arch", "stats", "--space", space, "--archs-file", file.path, "--json"], in: dir)
            #expect(stats.status == 0, "\(stats.stderr)")
            let rows = try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as! [[String: Any]]
            #expect(rows.map { $0["arch"] as! String } == a.stdout.split(separator: "\n").map(String.init))
        }
    }

    @Test(arguments: [
        (["arch", "stats", "--space", "nb201", "--arch", "|nor_conv_3x3~0|+|bad~0|x~1|+|none~0|none~1|none~2|"], "bad"),
        (["arch", "stats", "--space", "resnet", "--arch", "x"], "unknown space 'resnet'"),
        (["arch", "stats", "--space", "fbnet", "--arch", "k3_e1"], "22 blocks"),
        (["arch", "stats", "--space", "custom", "--arch", "/nonexistent.json"], "/nonexistent.json"),
        (["arch", "sample", "--space", "fbnet", "--count", "-1"], "--count"),
        (["lut", "import", "/nonexistent.json"], "cannot read LUT"),
        (["profile", "--space", "nb201", "--backend", "gpu"], "unknown backend"),
        (["calibrate", "--space", "nb201", "--measurements", SharedData.url("latency/help_nb201_latency_ms.csv").path,
          "--column", "iphone"], "no column 'iphone'"),
        (["calibrate", "--space", "nb201", "--measurements", SharedData.url("latency/help_nb201_latency_ms.csv").path,
          "--column", "pixel3", "--train", "3", "--features", "macs_m_conv,count_conv,count_avgpool"], "too few"),
        (["predict", "--space", "nb201", "--arch", "|none~0|+|none~0|none~1|+|none~0|none~1|none~2|", "--calibration",
          SharedData.packageRoot.appendingPathComponent("calibration/amd-epyc-2t-e057f4-fbnet.json").path], "for space 'fbnet'"),
        (["predict", "--space", "fbnet", "--arch", "fbnet-b", "--predictor", "magic"], "unknown --predictor"),
        (["calibrate", "--space", "fbnet", "--train", "100", "--device", "nosuchdevice"], "unknown device"),
        // Counts are bounded before anything is allocated for them (these used to crash).
        (["measure", "--space", "nb201", "--count", "9223372036854775807"], "--count = 9223372036854775807 is not in 1...100000"),
        (["search", "--space", "nb201", "--accuracy", "zero-cost:params", "--evaluations", "9223372036854775807"],
         "--evaluations = 9223372036854775807 is not in 1...10000000"),
    ])
    func badInputGivesOneErrorLine(arguments: [String], fragment: String) throws {
        try Self.expectOneErrorLine(arguments, fragment: fragment)
    }

    /// Runs `arguments` and expects a non-zero exit with exactly one `error:` line containing `fragment`.
    static func expectOneErrorLine(_ arguments: [String], fragment: String) throws {
        let result = try run(arguments)
        #expect(result.status != 0)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].hasPrefix("error: "), "\(result.stderr)")
        #expect(result.stderr.contains(fragment), "\(result.stderr)")
    }

    static func entryCount(_ dir: URL) throws -> Int {
        let result = try run(["lut", "export", "--space", "all", "--out", "all.json", "--json"], in: dir)
        guard result.status == 0 else { return 0 }
        let lut = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("all.json"))) as! [String: Any]
        return (lut["entries"] as! [String: Any]).count
    }

    /// kill -9 in the middle of a build loses nothing; the next run measures only what is missing.
    @Test func killedProfileResumes() throws {
        let dir = try Self.workdir()
        let args = ["profile", "--space", "fbnet", "--resolution", "64", "--repetitions", "3", "--min-sample-ms", "0.3",
                    "--threads", "1", "--no-progress", "--json"]
        let (process, _, _) = try Self.start(args, in: dir)
        // Wait until some entries are stored, then kill hard.
        var stored = 0
        for _ in 0..<200 where stored < 5 {
            Thread.sleep(forTimeInterval: 0.1)
            stored = (try? Self.entryCount(dir)) ?? 0
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let afterKill = try Self.entryCount(dir)
        #expect(afterKill >= 5)
        let resumed = try Self.run(args, in: dir)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let report = (try JSONSerialization.jsonObject(with: Data(resumed.stdout.utf8)) as! [[String: Any]])[0]["report"] as! [String: Any]
        let total = report["total"] as! Int
        #expect(report["already_present"] as! Int == afterKill)
        #expect(report["measured"] as! Int == total - afterKill)
        #expect(try Self.entryCount(dir) == total)
    }

    /// Two runs on one database at once: every key measured exactly once.
    @Test func concurrentProfilesShareTheWork() throws {
        let dir = try Self.workdir()
        _ = try Self.run(["device", "probe", "--out", "profiles"], in: dir)
        let args = ["profile", "--space", "nb201", "--resolution", "16", "--repetitions", "3", "--min-sample-ms", "0.3",
                    "--threads", "1", "--no-progress", "--json"]
        let a = try Self.start(args, in: dir)
        let b = try Self.start(args, in: dir)
        let outA = a.1.fileHandleForReading.readDataToEndOfFile()
        let outB = b.1.fileHandleForReading.readDataToEndOfFile()
        a.0.waitUntilExit()
        b.0.waitUntilExit()
        #expect(a.0.terminationStatus == 0 && b.0.terminationStatus == 0)
        let reports = try [outA, outB].map {
            (try JSONSerialization.jsonObject(with: $0) as! [[String: Any]])[0]["report"] as! [String: Any]
        }
        let total = reports[0]["total"] as! Int
        let measured = reports.map { $0["measured"] as! Int }.reduce(0, +)
        #expect(measured == total)
        #expect(try Self.entryCount(dir) == total)
    }

    /// Few-shot calibration from a CSV column, then `predict` and `evaluate` with the saved model.
    @Test func calibratePredictEvaluateFromCSV() throws {
        let dir = try Self.workdir()
        let csv = SharedData.url("latency/help_nb201_latency_ms.csv").path
        let calibrate = try Self.run(["calibrate", "--space", "nb201", "--measurements", csv, "--column", "gold_6226",
                                      "--train", "100", "--test", "500", "--json", "--out", "cal.json"], in: dir)
        #expect(calibrate.status == 0, "\(calibrate.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(calibrate.stdout.utf8)) as! [String: Any]
        for key in ["within_5pct", "within_10pct", "mape", "rmse_ms", "spearman", "kendall", "n_train", "n_test"] {
            #expect(report[key] != nil, "missing \(key)")
        }
        #expect(report["n_train"] as? Int == 100 && report["n_test"] as? Int == 500)
        #expect((report["within_10pct"] as! Double) > 0.85)
        let arch = "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|"
        let predict = try Self.run(["predict", "--space", "nb201", "--arch", arch, "--calibration", "cal.json", "--json"], in: dir)
        #expect(predict.status == 0, "\(predict.stderr)")
        let rows = try JSONSerialization.jsonObject(with: Data(predict.stdout.utf8)) as! [[String: Any]]
        #expect(rows.count == 1 && rows[0]["arch"] as? String == arch && (rows[0]["latency_ms"] as! Double) > 0)
        let evaluate = try Self.run(["evaluate", "--space", "nb201", "--measurements", csv, "--column", "gold_6226",
                                     "--calibration", "cal.json", "--json"], in: dir)
        #expect(evaluate.status == 0, "\(evaluate.stderr)")
        let overall = try JSONSerialization.jsonObject(with: Data(evaluate.stdout.utf8)) as! [String: Any]
        #expect(overall["n_test"] as? Int == 15_625)
        #expect(overall["training_included"] as? Int == 100)
        #expect((overall["within_10pct"] as! Double) > 0.85)
        // Another device's model does not silently replace this one: refused without --force.
        let other = ["calibrate", "--space", "nb201", "--measurements", csv, "--column", "pixel3", "--train", "50", "--test", "50",
                     "--out", "cal.json"]
        let refused = try Self.run(other, in: dir)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("cal.json holds the calibration of gold_6226") && refused.stderr.contains("--force"),
                "\(refused.stderr)")
        #expect(try CalibrationModel.load(path: dir.appendingPathComponent("cal.json").path).device == "gold_6226")
        let forced = try Self.run(other + ["--force"], in: dir)
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try CalibrationModel.load(path: dir.appendingPathComponent("cal.json").path).device == "pixel3")
    }
}

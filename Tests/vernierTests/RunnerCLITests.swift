import Foundation
import Testing
import VernierTestSupport

extension CLITests {
    /// A minimal protocol runner in Python: every op or arch takes 0.25 ms.
    static func writeFakeRunner(in dir: URL) throws -> String {
        let script = """
        import json, sys
        for line in sys.stdin:
            req = json.loads(line)
            if req["kind"] == "info":
                print(json.dumps({"id": req["id"], "runner": "fake"}), flush=True)
            else:
                n = req.get("repetitions", 3)
                reply = {"id": req["id"], "samples_ms": [0.25] * n, "inner": 1}
                if "reference" in req:
                    reply["reference_samples_ms"] = [0.5] * n
                print(json.dumps(reply), flush=True)
        """
        try Data(script.utf8).write(to: dir.appendingPathComponent("fake_runner.py"))
        return "runner:python3 fake_runner.py"
    }

    /// `--backend runner:CMD` profiles and measures through the runner, stored under the name the
    /// runner gives itself; `arch export` writes the spec it receives.
    @Test func profileAndMeasureThroughARunner() throws {
        let dir = try Self.workdir()
        let backend = try Self.writeFakeRunner(in: dir)
        let profile = try Self.run(Self.quickProfile + ["--backend", backend], in: dir)
        #expect(profile.status == 0, "\(profile.stderr)")
        let summary = (try JSONSerialization.jsonObject(with: Data(profile.stdout.utf8)) as! [[String: Any]])[0]
        #expect(summary["backend"] as? String == "runner:fake")
        #expect((summary["report"] as! [String: Any])["measured"] as? Int == 28)
        let export = try Self.run(["lut", "export", "--space", "nb201", "--backend", "runner:fake", "--out", "lut.json"], in: dir)
        #expect(export.status == 0, "\(export.stderr)")

        let measure = try Self.run(["measure", "--space", "nb201", "--count", "3", "--backend", backend, "--repetitions", "3",
                                    "--no-progress", "--json"], in: dir)
        #expect(measure.status == 0, "\(measure.stderr)")
        #expect(measure.stdout.contains("runner:fake"))

        let spec = try Self.run(["arch", "export", "--space", "fbnet", "--arch", "fbnet-b"], in: dir)
        #expect(spec.status == 0, "\(spec.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(spec.stdout.utf8)) as! [String: Any]
        #expect(object["format"] as? String == "vernier-layers-1")
        #expect((object["nodes"] as! [[String: Any]]).count > 20)
    }

    @Test(arguments: [
        (["profile", "--space", "nb201", "--backend", "runner:/nonexistent/runner"], "exited with status 127"),
        (["profile", "--space", "nb201", "--backend", "runner:echo garbage"], "replied garbage: \"garbage\""),
        (["profile", "--space", "nb201", "--backend", "runner: "], "needs a command"),
        (["profile", "--space", "nb201", "--backend", "tflite"], "unknown backend 'tflite'"),
        (["arch", "export", "--space", "fbnet", "--arch", "fbnet-b", "--format", "onnx"], "unknown --format 'onnx'"),
    ])
    func badRunnerInputGivesOneErrorLine(arguments: [String], fragment: String) throws {
        try Self.expectOneErrorLine(arguments, fragment: fragment)
    }

    /// Fusion detection on the native backend: every pair timed, the conv→conv controls are never
    /// fused, and the space's primitives land in the LUT.
    @Test func fusionReportsPairsRulesAndPrimitives() throws {
        let dir = try Self.workdir()
        let result = try Self.run(["fusion", "--space", "nb201", "--resolution", "16", "--threads", "1", "--repetitions", "5",
                                   "--min-sample-ms", "0.3", "--no-progress", "--json"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let summary = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        let pairs = summary["pairs"] as! [[String: Any]]
        #expect(pairs.count == 26)
        #expect(pairs.allSatisfy { ($0["t12_ms"] as! Double) > 0 })
        // Whether a pair (a control included) is fused is a timing outcome, which a busy machine can
        // change; what the command must get right is the verdict its own numbers give.
        for pair in pairs {
            let (t1, t2, t12) = (pair["t1_ms"] as! Double, pair["t2_ms"] as! Double, pair["t12_ms"] as! Double)
            let saved = (t1 + t2 - t12) / min(t1, t2)
            #expect(abs(saved - (pair["saved_fraction"] as! Double)) < 1e-6 * max(1, abs(saved)), "\(pair)")
            #expect(pair["fused"] as? Bool == (saved > 0.5), "\(pair)")
        }
        #expect(((summary["primitives"] as! [String: Any])["total"] as! Int) > 0)
        #expect((summary["lut_sums"] as! [Any]).isEmpty)
    }
}

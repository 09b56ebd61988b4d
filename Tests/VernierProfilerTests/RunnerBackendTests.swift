import Foundation
import Testing
import VernierKit
import VernierModel
import VernierStore
import VernierTestSupport
@testable import VernierProfiler

/// The runner protocol against fake runners that misbehave in each way, and against the real
/// ONNX Runtime runner when its virtual environment exists (CI creates it).
@Suite struct RunnerBackendTests {
    static let fast = Harness(settings: TimingSettings(warmupCalls: 1, warmupMs: 0, minSampleMs: 0.05, repetitions: 3))

    /// A Python runner whose loop runs `body` for each request `req` (a dict); `reply(obj)` answers.
    static func fakeRunner(_ body: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("runner-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let script = dir.appendingPathComponent("runner.py")
        let source = """
        import json, os, sys, time
        def reply(obj):
            sys.stdout.write(json.dumps(obj) + "\\n"); sys.stdout.flush()
        for line in sys.stdin:
            req = json.loads(line)
            if req["kind"] in ("info", "overhead"):
                reply({"id": req["id"], "error": "not supported"}) if req["kind"] == "overhead" else reply({"id": req["id"], "runner": "fake"})
                continue
        \(body.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
        """
        try Data(source.utf8).write(to: script)
        return "python3 \(script.path)"
    }

    static func error(_ body: () throws -> Void) -> RunnerError? {
        do { try body() } catch let error as RunnerError { return error } catch { Issue.record("unexpected \(error)") }
        return nil
    }

    static let layer = LayerConfig.conv(input: Shape(side: 8, channels: 8), cout: 8, kernel: 3)

    @Test func aWellBehavedRunnerIsTimedAndNamedByItsInfo() throws {
        let backend = try RunnerBackend(command: try Self.fakeRunner(#"reply({"id": req["id"], "samples_ms": [1.0, 1.1, 0.9], "inner": 4})"#), threads: 1)
        #expect(backend.name == "runner:fake")
        #expect(backend.overheadMs == 0)
        let m = try backend.measure(layer: Self.layer, harness: Self.fast, counters: nil)
        #expect(m.stats.median == 1.0 && m.innerIterations == 4)
    }

    /// A runner that writes a line and exits before Vernier sends anything: the write fails, but
    /// the line it wrote is what the user must see (CI once reported only "exited with status 0").
    @Test func whatAnExitedRunnerWroteIsStillRead() throws {
        let process = try RunnerProcess(command: "echo garbage")
        Thread.sleep(forTimeInterval: 0.3)
        #expect(try process.exchange("{}", timeout: 2) == "garbage")
        let silent = try RunnerProcess(command: "true")
        Thread.sleep(forTimeInterval: 0.3)
        let error = Self.error { _ = try silent.exchange("{}", timeout: 2) }
        #expect(error?.code == .exited && error!.description.contains("status 0"), "\(String(describing: error))")
    }

    @Test func missingRunnerGarbageWrongIDAndHangAreErrors() throws {
        let missing = Self.error { _ = try RunnerBackend(command: "/nonexistent/vernier-runner", threads: 1) }
        #expect(missing?.code == .exited && missing!.description.contains("status 127"), "\(String(describing: missing))")

        let garbage = Self.error { _ = try RunnerBackend(command: "while read l; do echo hello; done", threads: 1) }
        #expect(garbage?.code == .garbage && garbage!.description.contains("\"hello\""), "\(String(describing: garbage))")

        let wrongID = try RunnerBackend(command: try Self.fakeRunner(#"reply({"id": req["id"] + 7, "samples_ms": [1.0]})"#), threads: 1)
        let idError = Self.error { _ = try wrongID.measure(layer: Self.layer, harness: Self.fast, counters: nil) }
        #expect(idError?.code == .wrongID, "\(String(describing: idError))")

        let hang = try RunnerBackend(command: try Self.fakeRunner("time.sleep(60)"), timeoutSeconds: 1, threads: 1)
        let started = Date()
        let timeout = Self.error { _ = try hang.measure(layer: Self.layer, harness: Self.fast, counters: nil) }
        #expect(timeout?.code == .timeout, "\(String(describing: timeout))")
        #expect(Date().timeIntervalSince(started) < 10)
    }

    /// A runner that cannot build one op answers an error for it, one that crashes on another is
    /// restarted (and fails that op only): the LUT build measures the rest and lists the two.
    @Test func perOpFailuresAndCrashesLeaveTheRestOfTheBuild() throws {
        let command = try Self.fakeRunner("""
        layer = req["spec"]["layer"]
        if layer["kernel"] == 5:
            reply({"id": req["id"], "error": "cannot build op %s with kernel 5" % layer["op"]})
        elif layer["kernel"] == 7:
            sys.exit(3)
        else:
            reply({"id": req["id"], "samples_ms": [0.5, 0.5, 0.5], "inner": 1})
        """)
        let backend = try RunnerBackend(command: command, threads: 1)
        let store = try SQLiteStore(path: FileManager.default.temporaryDirectory.appendingPathComponent("runner-\(UUID().uuidString).sqlite").path)
        try store.saveDevice(id: "dev", profileJSON: "{}")
        let shape = Shape(side: 8, channels: 8)
        let layers = [3, 5, 7, 1].map { LayerConfig.conv(input: shape, cout: 8, kernel: $0) }
        let builder = LUTBuilder(store: StoreSink(store), deviceID: "dev", backend: backend, harness: Self.fast, counterEvents: [])
        let report = try builder.build(layers: layers)
        #expect(report.measured == 2)
        #expect(report.failed.count == 2)
        #expect(report.failed.contains { $0.error.contains("cannot build op conv with kernel 5") })
        #expect(report.failed.contains { $0.error.contains("exited with status 3") })
        #expect(backend.starts >= 2)
        #expect(try store.lutKeys(device: "dev", backend: "runner:fake").count == 2)
    }

    /// The ONNX Runtime runner times a layer and a whole NB201 arch (needs `.venv-ort`, which
    /// `.ci/run` and the README set-up create).
    @Test(.enabled(if: FileManager.default.fileExists(atPath: SharedData.packageRoot.appendingPathComponent(".venv-ort/bin/python").path)))
    func onnxRuntimeRunnerTimesLayersAndArchs() throws {
        let root = SharedData.packageRoot.path
        let backend = try RunnerBackend(command: "\(root)/.venv-ort/bin/python \(root)/runners/onnxruntime/runner.py", threads: 1)
        #expect(backend.name == "runner:onnxruntime")
        #expect(backend.info["onnxruntime"] != nil)
        #expect(backend.overheadMs > 0 && backend.overheadMs < 1)
        let layer = try backend.measure(layer: .mbconv(input: Shape(side: 14, channels: 16), cout: 16, kernel: 3, stride: 1,
                                                       expansion: 6, mid: 96, seChannels: 24, activation: .hswish, residual: true),
                                        harness: Self.fast, counters: nil)
        #expect(layer.stats.median > 0)
        let space = NB201Space()
        let arch = space.architecture(try space.parse("|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|none~1|nor_conv_1x1~2|"),
                                      resolution: 32)
        let whole = try backend.measure(architecture: arch, harness: Self.fast, counters: nil)
        #expect(whole.stats.median > layer.stats.median)
    }
}

extension RunnerBackendTests {
    /// The runner's own Python tests (graph semantics checked against numpy, protocol errors)
    /// run as part of `swift test` whenever the runner's environment exists.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: SharedData.packageRoot.appendingPathComponent(".venv-ort/bin/python").path)))
    func onnxRuntimeRunnerOwnTestsPass() throws {
        let process = Process()
        process.executableURL = SharedData.packageRoot.appendingPathComponent(".venv-ort/bin/python")
        process.arguments = ["-m", "unittest", "discover", "-s", "runners/onnxruntime"]
        process.currentDirectoryURL = SharedData.packageRoot
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let output = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(output.suffix(2000))")
        #expect(output.contains("OK"), "\(output.suffix(2000))")
    }
}

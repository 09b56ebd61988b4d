import Foundation
import VernierKit
import VernierTestSupport
import Testing
import VernierModel
import VernierStore
@testable import VernierProfiler

@Suite struct LUTBuilderTests {
    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("vernier-lut-\(UUID().uuidString).sqlite").path
    }

    static let fast = TimingSettings(warmupCalls: 1, warmupMs: 0, minSampleMs: 0.05, repetitions: 3)

    @Test func buildIsResumableAndNeverMeasuresTwice() throws {
        let store = try SQLiteStore(path: Self.temporaryPath())
        try store.saveDevice(id: "dev", profileJSON: "{}")
        let layers = NB201Space().distinctLayers(resolution: 16)
        let builder = LUTBuilder(store: StoreSink(store), deviceID: "dev", backend: NativeBackend(threads: 1),
                                 harness: Harness(settings: Self.fast), counterEvents: [])
        let first = try builder.build(layers: Array(layers.prefix(10)))
        #expect(first.measured == 10)
        let second = try builder.build(layers: layers)
        #expect(second.alreadyPresent == 10)
        #expect(second.measured == layers.count - 10)
        #expect(try store.lutKeys(device: "dev", backend: "native").count == layers.count)
        let third = try builder.build(layers: layers)
        #expect(third.measured == 0 && third.alreadyPresent == layers.count)
    }

    /// Entries asked to be re-measured are timed again and replaced; the others stay.
    @Test func remeasuredEntriesAreReplaced() throws {
        let store = try SQLiteStore(path: Self.temporaryPath())
        try store.saveDevice(id: "dev", profileJSON: "{}")
        let layers = Array(NB201Space().distinctLayers(resolution: 16).prefix(4))
        let builder = LUTBuilder(store: StoreSink(store), deviceID: "dev", backend: NativeBackend(threads: 1),
                                 harness: Harness(settings: Self.fast), counterEvents: [])
        _ = try builder.build(layers: layers)
        // A noisy, absurd entry (999 ms, CV 0.9) for the first key; the second stays as measured.
        var noisy = try #require(try store.lutEntries(device: "dev", backend: "native", keys: [layers[0].key]).first)
        noisy.stats = LatencyStats(medianMs: 999, madMs: 1, meanMs: 999, stdMs: 900, cv: 0.9, repetitions: 3, innerIterations: 1)
        try store.replaceLUTEntries([noisy])
        let kept = try #require(try store.lutEntries(device: "dev", backend: "native", keys: [layers[1].key]).first)
        let again = try builder.build(layers: layers, remeasuring: [layers[0].key])
        #expect(again.remeasured == 1 && again.measured == 1 && again.alreadyPresent == 3)
        let replaced = try #require(try store.lutEntries(device: "dev", backend: "native", keys: [layers[0].key]).first)
        #expect(replaced.stats.medianMs < 999)
        #expect(try store.lutEntries(device: "dev", backend: "native", keys: [layers[1].key]).first == kept)
    }

    /// With a time base every entry is scaled by the base latency over the reference's current one:
    /// the reference layer itself comes out at the base latency (ratio ≈ 1), and every entry
    /// records the stored and the current reference latency.
    @Test func relativeEntriesAreOnTheTimeBase() throws {
        // Synthetic timings: what is checked is the arithmetic of the time base, not a machine's speed.
        let store = try SQLiteStore(path: Self.temporaryPath())
        try store.saveDevice(id: "dev", profileJSON: "{}")
        let backend = SyntheticBackend()
        let harness = Harness(settings: TimingSettings(warmupCalls: 1, warmupMs: 0, minSampleMs: 0.3, repetitions: 7))
        let base = try LUTBuilder.measureTimeBase(backend: backend, harness: harness, readings: 4, spacingSeconds: 0)
        let referenceMs = SyntheticBackend.milliseconds(LUTBuilder.referenceLayer)
        #expect(base.referenceKey == LUTBuilder.referenceLayer.key && abs(base.referenceMs / referenceMs - 1) < 1e-12 && base.threads == 1)
        // A base 1000× the real latency shows that stored values are ratio × base, not ms.
        let inflated = TimeBase(backend: "native", threads: 1, referenceKey: base.referenceKey,
                                referenceMs: base.referenceMs * 1000, cv: 0, measuredAt: base.measuredAt)
        let builder = LUTBuilder(store: StoreSink(store), deviceID: "dev", backend: backend, harness: harness, counterEvents: [],
                                 timeBase: inflated)
        let small = LayerConfig.conv(input: Shape(side: 8, channels: 8), cout: 8, kernel: 3)
        let report = try builder.build(layers: [LUTBuilder.referenceLayer, small])
        #expect(report.measured == 2)
        let entries = Dictionary(uniqueKeysWithValues: try store.lutEntries(device: "dev", backend: "native").map { ($0.key, $0) })
        let reference = try #require(entries[base.referenceKey])
        #expect(abs(reference.stats.medianMs / inflated.referenceMs - 1) < 1e-9, "the reference against itself is the base")
        let smallEntry = try #require(entries[small.key])
        let expected = SyntheticBackend.milliseconds(small) / referenceMs * inflated.referenceMs
        #expect(abs(smallEntry.stats.medianMs / expected - 1) < 1e-9, "\(smallEntry.stats.medianMs) vs \(expected)")
        #expect(smallEntry.settings.contains("referenceStoredMs") && smallEntry.settings.contains("rawMedianMs"))
    }

    /// Every entry is timed `passes` times, a window apart, and the fastest pass is stored; the
    /// settings say how many passes there were and what each gave. A stop request ends the build
    /// after the current window, with the window's entries stored and the rest left for later.
    @Test func entriesAreTheFastestOfTheirPassesAndStopFinishesTheWindow() throws {
        let store = try SQLiteStore(path: Self.temporaryPath())
        try store.saveDevice(id: "dev", profileJSON: "{}")
        let layers = Array(NB201Space().distinctLayers(resolution: 16).prefix(6))
        let builder = LUTBuilder(store: StoreSink(store), deviceID: "dev", backend: NativeBackend(threads: 1),
                                 harness: Harness(settings: Self.fast), counterEvents: [], passes: 3, passWindowSeconds: 0)
        var asked = 0
        let stopped = try builder.build(layers: layers, stop: { asked += 1; return asked > 2 })
        #expect(stopped.measured == 2 && stopped.done == 2, "\(stopped)")
        let report = try builder.build(layers: layers)
        #expect(report.alreadyPresent == 2 && report.measured == 4)
        for entry in try store.lutEntries(device: "dev", backend: "native") {
            let settings = try JSONDecoder().decode(MeasurementSettings.self, from: Data(entry.settings.utf8))
            #expect(settings.passes == 3 && settings.passMs?.count == 3)
            #expect(entry.stats.medianMs == settings.passMs?.min(), "\(entry.key): \(entry.stats.medianMs) vs \(settings.passMs ?? [])")
            #expect(MeasurementSettings.timing(fromStored: entry.settings) == Self.fast)
        }
        #expect(MeasurementSettings.timing(fromStored: try CompactJSON.text(Self.fast)) == Self.fast)
    }

    /// An error thrown while a window is being stored (say, an agent's upload failing in the
    /// progress callback) gives the window's other claims back: the next build measures them,
    /// instead of counting them as taken by a live process.
    @Test func anErrorMidWindowReleasesTheRestOfTheWindow() throws {
        struct UploadFailed: Error {}
        let store = try SQLiteStore(path: Self.temporaryPath())
        try store.saveDevice(id: "dev", profileJSON: "{}")
        let layers = Array(NB201Space().distinctLayers(resolution: 16).prefix(5))
        let builder = LUTBuilder(store: StoreSink(store), deviceID: "dev", backend: NativeBackend(threads: 1),
                                 harness: Harness(settings: Self.fast), counterEvents: [], passes: 2, passWindowSeconds: 100)
        #expect(throws: UploadFailed.self) { try builder.build(layers: layers, progress: { _, _ in throw UploadFailed() }) }
        // Another live process can claim every layer that was not stored.
        let stored = try store.lutKeys(device: "dev", backend: "native")
        for layer in layers where !stored.contains(layer.key) {
            #expect(try store.claimLUTKey(device: "dev", backend: "native", key: layer.key, owner: "elsewhere:1",
                                          isAlive: { _ in true }), "\(layer.key) is still claimed")
            try store.releaseLUTClaim(device: "dev", backend: "native", key: layer.key)
        }
        let after = try builder.build(layers: layers)
        #expect(after.takenByOthers == 0 && after.alreadyPresent == 1 && after.measured == 4, "\(after)")
    }

    @Test func ofaAndProxylessYAMLImport() throws {
        let ofa = try OFAYAMLImporter.load(path: SharedData.url("latency/ofa_note10_lut/224_lookup_table.yaml").path, device: "note10")
        #expect(ofa.entries.count == 96)
        // The imported keys are the ofa-mbv3 space's own keys: every block of an OFA arch at 224 is covered.
        let space = OFAMobileNetV3Space()
        let arch = try space.architecture("r=224;d=4-4-4-4-4;ks=7-7-7-7-7-7-7-7-7-7-7-7-7-7-7-7-7-7-7-7;e=6-6-6-6-6-6-6-6-6-6-6-6-6-6-6-6-6-6-6-6")
        let blockKeys = arch.layers.filter { $0.op == .mbconv }.map(\.key)
        #expect(blockKeys.allSatisfy { ofa.entries[$0] != nil }, "\(blockKeys.filter { ofa.entries[$0] == nil })")
        let proxyless = try OFAYAMLImporter.load(path: SharedData.url("latency/proxylessnas_lut/mobile_trim.yaml").path, device: "pixel1")
        #expect(proxyless.entries.count == 72)
        #expect(proxyless.entries.values.allSatisfy { $0.stats.medianMs > 0 })
    }

    @Test func badLUTFilesAreRejectedWithTheReason() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lut-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let cases: [(String, String, String)] = [
            ("garbage.json", "{not json", "not a Vernier LUT"),
            ("foreign.json", #"{"format":"other","device":"d","space":"s","backend":"b","entries":{}}"#, "format 'other'"),
            ("missing.json", #"{"format":"vernier-lut-1","space":"s","backend":"b","entries":{}}"#, "missing field 'device'"),
            ("negative.json", #"{"format":"vernier-lut-1","device":"d","space":"s","backend":"b","entries":{"k":{"op":"conv","median_ms":-1,"mad_ms":0,"mean_ms":1,"std_ms":0,"cv":0,"repetitions":1,"inner_iterations":1,"counters":{},"source":"measured"}}}"#, "entry k"),
        ]
        for (name, content, fragment) in cases {
            let path = dir.appendingPathComponent(name).path
            try Data(content.utf8).write(to: URL(fileURLWithPath: path))
            do {
                _ = try LUTFile.load(path: path)
                Issue.record("\(name) accepted")
            } catch {
                #expect(error.description.contains(fragment), "\(error)")
            }
        }
        let yaml = dir.appendingPathComponent("bad.yaml").path
        try Data("Conv-input:224x224x3-output:112x112x24:\n  count: 3\n".utf8).write(to: URL(fileURLWithPath: yaml))
        #expect(throws: LUTError.self) { try OFAYAMLImporter.load(path: yaml, device: "d") }
        // Sizes in keys are bounded before any arithmetic: zeros and giants are errors, not traps.
        for key in ["expanded_conv-input:0x0x0-output:0x0x0-expand:0-kernel:0-stride:0-idskip:0",
                    "expanded_conv-input:80x80x24-output:40x40x24-expand:144-kernel:3-stride:0-idskip:0-se:0-hs:0",
                    "expanded_conv-input:80x80x24-output:40x40x24-expand:144-kernel:99999999999-stride:2-idskip:0-se:0-hs:0",
                    "Conv-input:160x160x3-output:80x80x99999999999"] {
            try Data("\(key):\n  count: 3\n  mean: 0.1\n".utf8).write(to: URL(fileURLWithPath: yaml))
            do {
                _ = try OFAYAMLImporter.load(path: yaml, device: "d")
                Issue.record("\(key) accepted")
            } catch {
                #expect(error.description.contains("is not"), "\(error)")
            }
        }
        // Found by the lut-yaml fuzz target: an output larger than the input made the stem's
        // stride 0 (a division by zero); every key's output must follow from its input.
        for (key, fragment) in [("Conv-input:8x8x3-output:16x16x8", "larger than input"),
                                ("Conv_1-input:7x7x160-output:14x14x960", "does not follow"),
                                ("Logits-input:1x1x1280-output:2x2x1000", "does not follow")] {
            let parsed = Result { try OFAYAMLImporter.parse(text: "\(key):\n  count: 3\n  mean: 0.1\n", file: "k.yaml", device: "d") }
            guard case .failure(let error) = parsed else { Issue.record("\(key) accepted"); continue }
            #expect("\(error)".contains(fragment), "\(error)")
        }
    }
}

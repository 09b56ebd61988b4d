import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import VernierModel
import VernierStore
@testable import VernierService

/// The browser view's routes and the JSON it reads beyond the rest of the API: the page and its
/// two files (open even when reads are closed), the list of searches with their Pareto plots,
/// and LUT coverage per space and backend.
@Suite struct UITests {
    @Test func pageScriptAndStyleAreServedFromTheBundle() async throws {
        let fixture = try ServiceTests.Fixture(configuration: ServiceConfiguration(openReads: false))
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                #expect(response.headers[.cacheControl] == "no-cache")
                #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'self'") == true)
                let page = String(buffer: response.body)
                #expect(page.contains(#"<script src="/ui/app.js" defer></script>"#), "\(page.prefix(400))")
                #expect(page.contains(#"<link rel="stylesheet" href="/ui/style.css">"#))
                #expect(page.contains(#"<link rel="icon" href="data:,">"#))
                #expect(!page.contains("http://") && !page.contains("https://"), "the page loads nothing from elsewhere")
            }
            try await client.execute(uri: "/ui/app.js", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/javascript") == true)
                #expect(response.headers[.cacheControl] == "no-cache")
                #expect(String(buffer: response.body).contains("/v1/search"))
            }
            try await client.execute(uri: "/ui/style.css", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/css") == true)
                #expect(response.headers[.cacheControl] == "no-cache")
            }
            // The files are open, the data behind them is not: reads are closed here.
            try await client.execute(uri: "/v1/search", method: .get) { #expect($0.status == .unauthorized) }
            try await client.execute(uri: "/v1/search", method: .get, headers: fixture.headers(fixture.admin)) {
                #expect($0.status == .ok)
            }
            try await client.execute(uri: "/", method: .post) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "GET")
            }
        }
    }

    /// `GET /v1/search` lists searches newest first; `plot.svg` is a 409 while a search waits and
    /// the `search --plot` chart once it is done; an unknown search is a 404.
    @Test func searchesAreListedAndPlotted() async throws {
        let fixture = try ServiceTests.Fixture()
        try ServiceTests.registerSecondDevice(fixture.store)
        try fixture.store.replaceLUTEntries(ServiceTests.lut(device: "dev1") + ServiceTests.lut(device: "dev2"))
        // 100,000 evaluations of random search over nb201: seconds at least, so the second waits.
        let long = ServiceTests.json(["space": "nb201", "strategy": "random", "accuracy": "zero-cost:params", "device": "dev1",
                                      "resolution": 16, "evaluations": 100_000])
        let short = ServiceTests.json(["space": "nb201", "strategy": "evolution", "accuracy": "zero-cost:params", "device": "dev2",
                                       "resolution": 16, "evaluations": 50, "budget_ms": 8.0])
        try await fixture.app.test(.router) { client in
            var ids: [String] = []
            for body in [long, short] {
                try await client.execute(uri: "/v1/search", method: .post, headers: fixture.headers(fixture.admin), body: body) { response in
                    #expect(response.status == .accepted, "\(String(buffer: response.body))")
                    ids.append(ServiceTests.object(response.body)["id"] as? String ?? "")
                }
            }
            try #require(ids.count == 2)
            let (first, second) = (ids[0], ids[1])
            // Whether the second is still queued depends on the machine's speed: a search not done
            // has no plot yet (409), a done one has it.
            var secondState = ""
            try await client.execute(uri: "/v1/search", method: .get) { response in
                #expect(response.status == .ok)
                let listed = ServiceTests.array(response.body)
                #expect(listed.compactMap { $0["id"] as? String } == [second, first], "newest first")
                secondState = listed.first?["state"] as? String ?? ""
                #expect((listed.first?["request"] as? [String: Any])?["device"] as? String == "dev2")
                if secondState == "queued" || secondState == "running" {
                    #expect(listed.first?["best"] == nil && listed.first?["plot"] == nil, "\(listed)")
                }
            }
            if secondState == "queued" || secondState == "running" {
                try await client.execute(uri: "/v1/search/\(second)/plot.svg", method: .get) { response in
                    // It may have finished between the two requests; then the plot is there.
                    #expect([HTTPResponse.Status.conflict, .ok].contains(response.status))
                    if response.status == .conflict {
                        #expect(ServiceTests.error(response.body).contains("its plot is drawn once it is done"))
                    } else {
                        #expect(String(buffer: response.body).contains("</svg>"))
                    }
                }
            }
            // A token limited to dev1 lists dev1's searches only.
            try await client.execute(uri: "/v1/search", method: .get, headers: fixture.headers(fixture.agent)) { response in
                #expect(ServiceTests.array(response.body).compactMap { $0["id"] as? String } == [first])
            }
            try await client.execute(uri: "/v1/search/\(first)", method: .delete, headers: fixture.headers(fixture.admin)) { response in
                #expect([HTTPResponse.Status.ok, .accepted, .conflict].contains(response.status), "\(String(buffer: response.body))")
            }
            var state = ""
            for _ in 0..<1200 where state != "done" && state != "failed" {
                try await client.execute(uri: "/v1/search/\(second)", method: .get) { response in
                    state = ServiceTests.object(response.body)["state"] as? String ?? ""
                }
                if state != "done" { try await Task.sleep(for: .milliseconds(50)) }
            }
            #expect(state == "done")
            try await client.execute(uri: "/v1/search", method: .get) { response in
                let listed = ServiceTests.array(response.body)
                let done = try #require(listed.first(where: { $0["id"] as? String == second }), "\(listed)")
                #expect(done["state"] as? String == "done")
                #expect(done["evaluations"] as? Int == 50)
                #expect(done["plot"] as? String == "/v1/search/\(second)/plot.svg")
                let best = try #require(done["best"] as? [String: Any], "\(done)")
                #expect((best["latency_ms"] as? Double ?? 99) <= 8.0)
                #expect((best["arch"] as? String ?? "").hasPrefix("|"))
            }
            try await client.execute(uri: "/v1/search/\(second)/plot.svg", method: .get) { response in
                #expect(response.status == .ok, "\(String(buffer: response.body))")
                #expect(response.headers[.contentType] == "image/svg+xml")
                let svg = String(buffer: response.body)
                #expect(svg.contains("<svg") && svg.contains("</svg>"), "\(svg.suffix(200))")
                #expect(svg.contains("nb201 evolution: zero-cost:params"), "the title names the space, strategy and accuracy")
            }
            try await client.execute(uri: "/v1/search/nope/plot.svg", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(ServiceTests.error(response.body).contains("no search nope"))
            }
        }
    }

    /// Coverage counts, per space and backend, the space's distinct layers at its default
    /// resolution that the device's LUT has.
    @Test func coverageCountsTheLayersOfEachSpaceInTheLUT() async throws {
        let fixture = try ServiceTests.Fixture()
        try ServiceTests.registerSecondDevice(fixture.store)
        let layers = NB201Space().distinctLayers()
        let stats = LatencyStats(medianMs: 0.01, madMs: 0, meanMs: 0.01, stdMs: 0, cv: 0, repetitions: 3, innerIterations: 1)
        // Five of nb201's layers at 32 px on `native`, all of them on `ort`.
        let native: [LUTEntryRecord] = layers.prefix(5).map {
            LUTEntryRecord(deviceId: "dev1", backend: "native", key: $0.key, op: $0.op.rawValue, stats: stats)
        }
        let ort: [LUTEntryRecord] = layers.map {
            LUTEntryRecord(deviceId: "dev1", backend: "ort", key: $0.key, op: $0.op.rawValue, stats: stats)
        }
        try fixture.store.replaceLUTEntries(native + ort)
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/v1/devices/dev1/coverage", method: .get) { response in
                #expect(response.status == .ok, "\(String(buffer: response.body))")
                let rows = ServiceTests.array(response.body)
                #expect(rows.count == 2 * Spaces.all.count, "\(rows)")
                #expect(rows.map { $0["space"] as? String ?? "" }.first == "nb201")
                func row(_ space: String, _ backend: String) -> [String: Any]? {
                    rows.first { $0["space"] as? String == space && $0["backend"] as? String == backend }
                }
                #expect(row("nb201", "native")?["entries"] as? Int == 5)
                #expect(row("nb201", "native")?["layers"] as? Int == layers.count)
                #expect(row("nb201", "native")?["resolution"] as? Int == 32)
                #expect(row("nb201", "ort")?["entries"] as? Int == layers.count)
                for space in Spaces.all {
                    let nativeRow = try #require(row(space.name, "native"), "\(space.name)")
                    #expect(nativeRow["layers"] as? Int == space.distinctLayers().count)
                    #expect((nativeRow["entries"] as? Int ?? -1) <= (nativeRow["layers"] as? Int ?? 0))
                }
            }
            try await client.execute(uri: "/v1/devices/dev2/coverage", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == "[]")
            }
            try await client.execute(uri: "/v1/devices/nope/coverage", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(ServiceTests.error(response.body).contains("nope"))
            }
        }
    }

    /// The roofline plot of a device with a roofline places the LUT's layers; a device without
    /// one, or an unknown space, is a 404.
    @Test func rooflinePlotOfADevice() async throws {
        let fixture = try ServiceTests.Fixture()
        var profile = try DeviceProfile.decode(try #require(try fixture.store.device(id: "dev1")).profile)
        profile.roofline = Roofline(peakGflopsOneCore: 40, peakGflopsAllCores: 80, sgemmGflops: 60, sgemmShape: "512x1024x512",
                                    bandwidthGBs: ["L1": 300, "L2": 120, "DRAM": 15],
                                    sweep: [BandwidthPoint(bytes: 16_384, gbPerSecond: 300)], ridgeFlopsPerByte: 5, threads: 2)
        let withRoofline = try profile.json()
        let layers = FBNetSpace().distinctLayers()
        try fixture.store.replaceLUTEntries(layers.prefix(10).map {
            LUTEntryRecord(deviceId: "dev1", backend: "native", key: $0.key, op: $0.op.rawValue, stats: LatencyStats(single: 0.5))
        })
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/v1/devices/dev1/roofline.svg", method: .get) { response in
                #expect(response.status == .notFound, "the fixture's device has no roofline yet")
            }
            try fixture.store.saveDevice(id: "dev1", profileJSON: withRoofline)
            try await client.execute(uri: "/v1/devices/dev1/roofline.svg?space=fbnet", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "image/svg+xml")
                let svg = String(buffer: response.body)
                #expect(svg.hasPrefix("<svg") || svg.hasPrefix("<?xml"))
                #expect(svg.contains("DRAM") && svg.contains("L1"))
            }
            try await client.execute(uri: "/v1/devices/dev1/roofline.svg?space=imagenet", method: .get) { response in
                #expect(response.status == .notFound)
            }
        }
    }

    /// The predict form's "sample N": `sample` instead of `archs` predicts that many distinct
    /// archs of the space and lists them; both or neither is a 400.
    @Test func predictSamplesArchsWhenAsked() async throws {
        let fixture = try ServiceTests.Fixture()
        try fixture.store.replaceLUTEntries(ServiceTests.lut(device: "dev1"))
        try await fixture.app.test(.router) { client in
            let sampled = ServiceTests.json(["device": "dev1", "space": "nb201", "resolution": 16, "sample": 7, "seed": 3])
            try await client.execute(uri: "/v1/predict", method: .post, body: sampled) { response in
                #expect(response.status == .ok, "\(String(buffer: response.body))")
                let reply = ServiceTests.object(response.body)
                let archs = reply["archs"] as? [String] ?? []
                #expect(archs.count == 7 && Set(archs).count == 7)
                #expect(archs == NB201Space().sampleDistinct(count: 7, seed: 3).map(NB201Space().format))
                #expect((reply["latency_ms"] as? [Double])?.count == 7)
            }
            for body in [["device": "dev1", "space": "nb201", "sample": 2, "archs": ["|none~0|+|none~0|none~1|+|none~0|none~1|none~2|"]],
                         ["device": "dev1", "space": "nb201"]] as [[String: Any]] {
                try await client.execute(uri: "/v1/predict", method: .post, body: ServiceTests.json(body)) { response in
                    #expect(response.status == .badRequest)
                    #expect(ServiceTests.error(response.body).contains("either 'archs'"))
                }
            }
        }
    }

    /// A device's calibrations: the files of the calibration directory that are its models, with
    /// their held-out figures; another device's file under a matching name is not listed.
    @Test func calibrationsOfADeviceAreListedWithTheirHeldOutFigures() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("calibrations-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let committed = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("calibration/amd-epyc-2t-e057f4-fbnet.json")
        try FileManager.default.copyItem(at: committed, to: directory.appendingPathComponent("amd-epyc-2t-e057f4-fbnet.json"))
        try FileManager.default.copyItem(at: committed, to: directory.appendingPathComponent("dev1-fbnet.json"))
        let fixture = try ServiceTests.Fixture(configuration: ServiceConfiguration(calibrationDirectory: directory.path))
        var reference = DeviceProfile.imported(id: "amd-epyc-2t-e057f4", from: "test")
        reference.roofline = nil
        try fixture.store.saveDevice(id: reference.id, profileJSON: try reference.json())
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/v1/devices/amd-epyc-2t-e057f4/calibrations", method: .get) { response in
                #expect(response.status == .ok, "\(String(buffer: response.body))")
                let rows = ServiceTests.array(response.body)
                #expect(rows.count == 1)
                #expect(rows.first?["space"] as? String == "fbnet" && rows.first?["resolution"] as? Int == 224)
                let within = try #require(rows.first?["within_10pct"] as? Double)
                #expect(within > 0 && within <= 1)
            }
            try await client.execute(uri: "/v1/devices/dev1/calibrations", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == "[]", "dev1-fbnet.json holds another device's model")
            }
            try await client.execute(uri: "/v1/devices/nope/calibrations", method: .get) { #expect($0.status == .notFound) }
        }
    }
}

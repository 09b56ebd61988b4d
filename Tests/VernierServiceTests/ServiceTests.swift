import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import VernierModel
import VernierProfiler
import VernierStore
import VernierTestSupport
@testable import VernierService

/// The HTTP API through Hummingbird's router test framework: auth, devices, LUTs, predictions,
/// the job queue with leases and idempotent results, errors as `{"error"}`, metrics, OpenAPI.
@Suite struct ServiceTests {
    /// A store with an admin token, an agent token limited to `dev1`, and a device `dev1` with a
    /// small native LUT for nb201 at 16 px.
    struct Fixture: Sendable {
        let store: Store
        let admin: String
        let agent: String
        let configuration: ServiceConfiguration

        init(configuration: ServiceConfiguration = ServiceConfiguration()) throws {
            store = try SQLiteStore(path: FileManager.default.temporaryDirectory.appendingPathComponent("service-\(UUID().uuidString).sqlite").path)
            admin = TokenSecret.generate()
            agent = TokenSecret.generate()
            _ = try store.createToken(name: "admin", hash: TokenSecret.hash(admin), device: nil)
            _ = try store.createToken(name: "lab-agent", hash: TokenSecret.hash(agent), device: "dev1")
            var profile = DeviceProbe.probe(id: "dev1")
            profile.roofline = nil
            try store.saveDevice(id: "dev1", profileJSON: try profile.json())
            self.configuration = configuration
        }

        var app: some ApplicationProtocol { Application(router: buildRouter(configuration, store: store)) }

        func headers(_ token: String?) -> HTTPFields {
            var fields: HTTPFields = [.contentType: "application/json"]
            if let token { fields[.authorization] = "Bearer \(token)" }
            return fields
        }
    }

    static func json(_ object: Any) -> ByteBuffer {
        ByteBuffer(bytes: try! JSONSerialization.data(withJSONObject: object))
    }

    static func object(_ body: ByteBuffer) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(buffer: body))) as? [String: Any] ?? [:]
    }

    static func error(_ body: ByteBuffer) -> String { object(body)["error"] as? String ?? "<no error field: \(String(buffer: body))>" }

    @Test func healthMetricsAndOpenAPIAreOpen() async throws {
        let fixture = try Fixture()
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/health", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/ready", method: .get) { response in
                #expect(response.status == .ok)
                #expect(Self.object(response.body)["status"] as? String == "ready")
            }
            try await client.execute(uri: "/openapi.yaml", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).hasPrefix("openapi: 3"))
            }
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                let text = String(buffer: response.body)
                #expect(text.contains("vernier_http_requests_total"))
                #expect(text.contains("vernier_jobs"))
            }
            try await client.execute(uri: "/v1/nothing", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(!Self.error(response.body).isEmpty)
            }
        }
    }

    /// Every route of the router is in the OpenAPI document, and every documented path is served.
    @Test func openAPIDocumentMatchesTheRoutes() throws {
        let fixture = try Fixture()
        let served = Set(buildRouter(fixture.configuration, store: fixture.store).routes.map { route in
            "\(route.method.rawValue.lowercased()) " + route.path.description
                .split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/")
        }.map { $0.replacingOccurrences(of: " ", with: " /") })
        var documented = Set<String>()
        var path: String?
        for line in SystemController.openAPI.split(separator: "\n") {
            if line.hasPrefix("  /") { path = String(line.dropFirst(2).dropLast()) }
            if let path, line.hasPrefix("    get:") || line.hasPrefix("    post:") {
                documented.insert("\(line.trimmingCharacters(in: .whitespaces).dropLast()) \(path)")
            }
        }
        #expect(served == documented, "served only: \(served.subtracting(documented)); documented only: \(documented.subtracting(served))")
    }

    @Test func writesNeedAValidTokenAndAgentTokensTheirDevice() async throws {
        let fixture = try Fixture()
        var other = DeviceProbe.probe(id: "dev2")
        other.roofline = nil
        let profile = ByteBuffer(string: try other.json())
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/v1/devices", method: .post, headers: fixture.headers(nil), body: profile) {
                #expect($0.status == .unauthorized)
            }
            try await client.execute(uri: "/v1/devices", method: .post, headers: fixture.headers("vt_wrong"), body: profile) {
                #expect($0.status == .forbidden)
            }
            try await client.execute(uri: "/v1/devices", method: .post, headers: fixture.headers(fixture.agent), body: profile) {
                #expect($0.status == .forbidden)
                #expect(Self.error($0.body).contains("limited to device dev1"))
            }
            try await client.execute(uri: "/v1/devices", method: .post, headers: fixture.headers(fixture.admin), body: profile) {
                #expect($0.status == .created)
            }
            try await client.execute(uri: "/v1/devices/dev2", method: .get) { #expect($0.status == .ok) }
            try fixture.store.revokeToken(name: "admin")
            try await client.execute(uri: "/v1/devices", method: .post, headers: fixture.headers(fixture.admin), body: profile) {
                #expect($0.status == .forbidden)
                #expect(Self.error($0.body).contains("revoked"))
            }
        }
    }

    @Test func closedReadsNeedATokenToo() async throws {
        let fixture = try Fixture(configuration: ServiceConfiguration(openReads: false))
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/v1/devices", method: .get) { #expect($0.status == .unauthorized) }
            try await client.execute(uri: "/v1/devices", method: .get, headers: fixture.headers(fixture.agent)) { #expect($0.status == .ok) }
            try await client.execute(uri: "/health", method: .get) { #expect($0.status == .ok) }
        }
    }

    @Test func badBodiesGiveJSONErrors() async throws {
        let fixture = try Fixture(configuration: ServiceConfiguration(maxPredictArchs: 3))
        let arch = "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|"
        try await fixture.app.test(.router) { client in
            let cases: [(ByteBuffer, HTTPResponse.Status, String)] = [
                (ByteBuffer(string: "{not json"), .badRequest, "not valid"),
                (Self.json(["device": "dev1", "space": "nb201", "archs": "x"]), .badRequest, "archs"),
                (Self.json(["device": "nope", "space": "nb201", "archs": [arch]]), .notFound, "unknown device 'nope'"),
                (Self.json(["device": "dev1", "space": "mars", "archs": [arch]]), .badRequest, "mars"),
                (Self.json(["device": "dev1", "space": "nb201", "archs": [arch, "garbage"]]), .badRequest, "archs[1]"),
                (Self.json(["device": "dev1", "space": "nb201", "archs": [arch, arch, arch, arch]]), .badRequest, "limit is 3"),
                (Self.json(["device": "dev1", "space": "nb201", "predictor": "magic", "archs": [arch]]), .badRequest, "unknown predictor"),
                (Self.json(["device": "dev1", "space": "nb201", "predictor": "roofline", "archs": [arch]]), .notFound, "no roofline"),
                // Numbers inside well-formed bodies are bounded before any cost arithmetic.
                (Self.json(["device": "dev1", "space": "fbnet", "archs": ["fbnet-b"], "resolution": Int.max]), .badRequest,
                 "field 'resolution' = 9223372036854775807 is not in 8...4096"),
                (Self.json(["device": "dev1", "space": "fbnet", "archs": ["fbnet-b"], "resolution": 0]), .badRequest,
                 "field 'resolution' = 0 is not in 8...4096"),
            ]
            for (body, status, fragment) in cases {
                try await client.execute(uri: "/v1/predict", method: .post, headers: fixture.headers(nil), body: body) { response in
                    #expect(response.status == status, "\(String(buffer: body)): \(String(buffer: response.body))")
                    #expect(Self.error(response.body).contains(fragment), "\(String(buffer: response.body))")
                }
            }
            let huge = ByteBuffer(repeating: UInt8(ascii: " "), count: 9 << 20)
            try await client.execute(uri: "/v1/predict", method: .post, headers: fixture.headers(nil), body: huge) {
                #expect($0.status == .contentTooLarge)
            }
            try await client.execute(uri: "/v1/jobs/no-such-job", method: .get) { #expect($0.status == .notFound) }
            var profile = DeviceProfile.imported(id: "dev9", from: "test")
            profile.roofline = Roofline(peakGflopsOneCore: -5, peakGflopsAllCores: 10, sgemmGflops: 10, sgemmShape: "1x1x1",
                                        bandwidthGBs: ["DRAM": 10], sweep: [], ridgeFlopsPerByte: 1, threads: 1)
            try await client.execute(uri: "/v1/devices", method: .post, headers: fixture.headers(fixture.admin),
                                     body: ByteBuffer(data: try JSONEncoder().encode(profile))) { response in
                #expect(response.status == .badRequest)
                #expect(Self.error(response.body).contains("roofline.peakGflopsOneCore = -5.0 must be a finite positive number"))
            }
        }
    }

    /// Results a job's lease holder uploads are stored once per batch; another agent gets 409; a
    /// lapsed lease goes to the next agent; predictions then use the stored LUT.
    @Test func jobQueueLeasesResultsAndPredictions() async throws {
        let fixture = try Fixture(configuration: ServiceConfiguration(leaseSeconds: 0.5))
        let space = NB201Space()
        let layers = space.distinctLayers(resolution: 16)
        func entries(_ layers: ArraySlice<LayerConfig>) -> [String: Any] {
            Dictionary(uniqueKeysWithValues: layers.map { layer in
                (layer.key, ["op": layer.op.rawValue, "median_ms": 0.01, "mad_ms": 0.0, "mean_ms": 0.01, "std_ms": 0.0, "cv": 0.0,
                             "repetitions": 3, "inner_iterations": 1, "counters": [String: Double](), "source": "measured"] as [String: Any])
            })
        }
        let half = entries(layers.prefix(10))
        let batch = Self.json(["agent": "a1", "batch": "b1", "backend": "native", "entries": half])
        let stolen = Self.json(["agent": "a2", "batch": "b2", "backend": "native", "entries": half])
        let all = Self.json(["agent": "a2", "batch": "b3", "backend": "native", "entries": entries(layers[...])])
        let firstKey = layers[0].key
        let remaining = layers.count - 10
        var negative = entries(layers.prefix(1))[firstKey] as! [String: Any]
        negative["std_ms"] = -1.0
        let invalid: [(ByteBuffer, String)] = [
            (Self.json(["agent": "a2", "batch": "x1", "backend": "native", "entries": ["conv-not-a-layer": negative]]), "not a layer of nb201"),
            (Self.json(["agent": "a2", "batch": "x2", "backend": "native", "entries": [firstKey: negative]]), "std_ms = -1.0"),
            (Self.json(["agent": "a2", "batch": "x3", "backend": "gpu", "entries": entries(layers.prefix(1))]), "unknown backend 'gpu'"),
            (Self.json(["agent": "a2", "batch": "x4", "backend": "native", "measurements": [[String: Any]]()]), "takes 'entries'"),
        ]
        try await fixture.app.test(.router) { client in
            var jobID = ""
            try await client.execute(uri: "/v1/jobs", method: .post, headers: fixture.headers(fixture.admin),
                                     body: Self.json(["device": "dev1", "kind": "profile", "space": "nb201",
                                                      "parameters": ["resolution": 16]])) { response in
                #expect(response.status == .created)
                jobID = Self.object(response.body)["id"] as? String ?? ""
            }
            let lease = Self.json(["device": "dev1", "agent": "a1"])
            try await client.execute(uri: "/v1/jobs/lease", method: .post, headers: fixture.headers(fixture.agent), body: lease) { response in
                #expect(response.status == .ok)
                #expect(Self.object(response.body)["id"] as? String == jobID)
            }
            for expectedDuplicate in [false, true] {
                try await client.execute(uri: "/v1/jobs/\(jobID)/results", method: .post, headers: fixture.headers(fixture.agent), body: batch) { response in
                    #expect(response.status == .ok, "\(String(buffer: response.body))")
                    let reply = Self.object(response.body)
                    #expect(reply["duplicate"] as? Bool == expectedDuplicate)
                    #expect(reply["job_stored"] as? Int == 10)
                }
            }
            try await client.execute(uri: "/v1/jobs/\(jobID)/results", method: .post, headers: fixture.headers(fixture.admin),
                                     body: stolen) { response in
                #expect(response.status == .conflict)
                #expect(Self.error(response.body).contains("leased by lab-agent/a1"))
            }
            try await Task.sleep(for: .milliseconds(700))
            try await client.execute(uri: "/v1/jobs/lease", method: .post, headers: fixture.headers(fixture.agent),
                                     body: Self.json(["device": "dev1", "agent": "a2"])) { response in
                #expect(response.status == .ok)
                #expect(Self.object(response.body)["attempts"] as? Int == 2)
            }
            try await client.execute(uri: "/v1/jobs/\(jobID)/heartbeat", method: .post, headers: fixture.headers(fixture.agent),
                                     body: Self.json(["agent": "a1"])) { #expect($0.status == .conflict) }
            // Results are validated before anything is stored: keys of the job's space, plausible
            // statistics, a backend of the grammar, the kind of result the job produces.
            for (body, fragment) in invalid {
                try await client.execute(uri: "/v1/jobs/\(jobID)/results", method: .post, headers: fixture.headers(fixture.agent),
                                         body: body) { response in
                    #expect(response.status == .badRequest, "\(String(buffer: response.body))")
                    #expect(Self.error(response.body).contains(fragment), "\(String(buffer: response.body))")
                }
            }
            try await client.execute(uri: "/v1/jobs/\(jobID)/results", method: .post, headers: fixture.headers(fixture.agent),
                                     body: all) { response in
                #expect(Self.object(response.body)["stored"] as? Int == remaining)
            }
            try await client.execute(uri: "/v1/jobs/\(jobID)/complete", method: .post, headers: fixture.headers(fixture.agent),
                                     body: Self.json(["agent": "a2"])) { response in
                #expect(Self.object(response.body)["state"] as? String == "done")
            }
            try await client.execute(uri: "/v1/jobs/lease", method: .post, headers: fixture.headers(fixture.agent), body: lease) {
                #expect($0.status == .noContent)
            }
            try await client.execute(uri: "/v1/devices/dev1/lut/nb201?key=\(firstKey)", method: .get) { response in
                #expect(response.status == .ok)
                #expect(Self.object(response.body)["key"] as? String == firstKey)
            }
            let archs = ["|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|",
                         "|none~0|+|none~0|none~1|+|none~0|none~1|none~2|"]
            try await client.execute(uri: "/v1/predict", method: .post, headers: fixture.headers(nil),
                                     body: Self.json(["device": "dev1", "space": "nb201", "resolution": 16, "archs": archs])) { response in
                #expect(response.status == .ok, "\(String(buffer: response.body))")
                let latencies = Self.object(response.body)["latency_ms"] as? [Double] ?? []
                #expect(latencies.count == 2 && latencies[0] > latencies[1])
            }
        }
        #expect(try fixture.store.lutKeys(device: "dev1", backend: "native").count == layers.count)
    }

    /// A search started over HTTP runs in the background with the device's LUT as latency and
    /// reports the `search --json` document; bad specs and server-side commands are refused.
    /// At most `maxPending` searches wait or run at once; one more is a 429, not an unbounded queue.
    @Test func searchQueueIsBounded() async throws {
        let jobs = SearchJobs(maxPending: 1)
        let request = try JSONDecoder().decode(SearchRequest.self, from: Data(
            #"{"space":"nb201","strategy":"random","accuracy":"zero-cost:params","device":"dev1"}"#.utf8))
        _ = try await jobs.start(request) {
            Thread.sleep(forTimeInterval: 0.5)
            return Data("{}".utf8)
        }
        do {
            _ = try await jobs.start(request) { Data("{}".utf8) }
            Issue.record("a second search was queued past the limit")
        } catch let error as ServiceError {
            #expect(error.status == .tooManyRequests)
            #expect(error.message.contains("the limit is 1"))
        }
    }

    /// An agent token starts searches only for its own device.
    @Test func agentTokenSearchesOnlyItsDevice() async throws {
        let fixture = try Fixture()
        try await fixture.app.test(.router) { client in
            let body = Self.json(["space": "nb201", "strategy": "random", "accuracy": "zero-cost:params", "device": "dev2"])
            try await client.execute(uri: "/v1/search", method: .post, headers: fixture.headers(fixture.agent), body: body) {
                #expect($0.status == .forbidden)
                #expect(Self.error($0.body).contains("limited to device dev1"))
            }
        }
    }

    @Test func searchRunsServerSideAndIsPolled() async throws {
        let fixture = try Fixture()
        let layers = NB201Space().distinctLayers(resolution: 16)
        try fixture.store.replaceLUTEntries(layers.enumerated().map { index, layer in
            LUTEntryRecord(deviceId: "dev1", backend: "native", key: layer.key, op: layer.op.rawValue,
                           stats: LatencyStats(medianMs: 0.01 * Double(index + 1), madMs: 0, meanMs: 0.01, stdMs: 0, cv: 0,
                                               repetitions: 3, innerIterations: 1))
        })
        let start = Self.json(["space": "nb201", "strategy": "evolution", "accuracy": "zero-cost:params", "device": "dev1",
                               "resolution": 16, "evaluations": 50, "budget_ms": 8.0])
        let impossible = Self.json(["space": "nb201", "strategy": "evolution", "accuracy": "zero-cost:params", "device": "dev1",
                                    "resolution": 16, "evaluations": 50, "budget_ms": 0.001])
        try await fixture.app.test(.router) { client in
            // A budget no arch meets is refused at once, as the CLI does, not after 50 evaluations.
            try await client.execute(uri: "/v1/search", method: .post, headers: fixture.headers(fixture.admin), body: impossible) {
                #expect($0.status == .unprocessableContent)
                #expect(Self.error($0.body).contains("no architecture of nb201 runs within 0.001 ms"))
            }
            var id = ""
            try await client.execute(uri: "/v1/search", method: .post, headers: fixture.headers(fixture.admin), body: start) { response in
                #expect(response.status == .accepted, "\(String(buffer: response.body))")
                id = Self.object(response.body)["id"] as? String ?? ""
            }
            var state = ""
            var reply: [String: Any] = [:]
            for _ in 0..<200 where state != "done" && state != "failed" {
                try await Task.sleep(for: .milliseconds(50))
                try await client.execute(uri: "/v1/search/\(id)", method: .get) { response in
                    reply = Self.object(response.body)
                    state = reply["state"] as? String ?? ""
                }
            }
            #expect(state == "done", "\(reply)")
            let result = reply["result"] as? [String: Any] ?? [:]
            #expect(result["evaluations"] as? Int == 50)
            let best = result["best"] as? [String: Any] ?? [:]
            #expect((best["latency_ms"] as? Double ?? 99) <= 8.0)
            for (spec, fragment) in [("command:rm -rf /", "not served"), ("table:/etc/passwd", "relative"), ("table:../x.csv", "relative")] {
                let body = Self.json(["space": "nb201", "strategy": "random", "accuracy": spec, "device": "dev1"])
                try await client.execute(uri: "/v1/search", method: .post, headers: fixture.headers(fixture.admin), body: body) { response in
                    #expect(response.status == .badRequest)
                    #expect(Self.error(response.body).contains(fragment), "\(String(buffer: response.body))")
                }
            }
            try await client.execute(uri: "/v1/search/nope", method: .get) { #expect($0.status == .notFound) }
        }
    }
}

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

    static func array(_ body: ByteBuffer) -> [[String: Any]] {
        (try? JSONSerialization.jsonObject(with: Data(buffer: body))) as? [[String: Any]] ?? []
    }

    /// A small native LUT for nb201 at 16 px on `device`: every layer, slower the later it comes.
    static func lut(device: String) -> [LUTEntryRecord] {
        NB201Space().distinctLayers(resolution: 16).enumerated().map { index, layer in
            LUTEntryRecord(deviceId: device, backend: "native", key: layer.key, op: layer.op.rawValue,
                           stats: LatencyStats(medianMs: 0.01 * Double(index + 1), madMs: 0, meanMs: 0.01, stdMs: 0, cv: 0,
                                               repetitions: 3, innerIterations: 1))
        }
    }

    /// Registers a second device, `dev2`, that the agent token may not use.
    static func registerSecondDevice(_ store: Store) throws {
        var other = DeviceProbe.probe(id: "dev2")
        other.roofline = nil
        try store.saveDevice(id: "dev2", profileJSON: try other.json())
    }

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
            if let path, line.hasPrefix("    get:") || line.hasPrefix("    post:") || line.hasPrefix("    delete:") {
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
        _ = try await jobs.start(request) { _ in
            Thread.sleep(forTimeInterval: 0.5)
            return Data("{}".utf8)
        }
        do {
            _ = try await jobs.start(request) { _ in Data("{}".utf8) }
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
        try fixture.store.replaceLUTEntries(Self.lut(device: "dev1"))
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
            let reply = try await Self.finishedSearch(id, client: client, polls: 200)
            #expect(reply["state"] as? String == "done", "\(reply)")
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

    /// Polls `GET /v1/search/{id}` every 50 ms until the search is done or failed (at most `polls` times).
    static func finishedSearch(_ id: String, client: some TestClientProtocol, polls: Int) async throws -> [String: Any] {
        var reply: [String: Any] = [:]
        for _ in 0..<polls where !["done", "failed"].contains(reply["state"] as? String ?? "") {
            try await Task.sleep(for: .milliseconds(50))
            try await client.execute(uri: "/v1/search/\(id)", method: .get) { response in reply = Self.object(response.body) }
        }
        return reply
    }

    @Test func frontSearchWithAMemoryBudget() async throws {
        let fixture = try Fixture()
        try fixture.store.replaceLUTEntries(Self.lut(device: "dev1"))
        @Sendable func body(_ memory: Double) -> ByteBuffer {
            Self.json(["space": "nb201", "strategy": "front", "accuracy": "zero-cost:params", "device": "dev1",
                       "resolution": 16, "evaluations": 80, "memory_budget_mb": memory])
        }
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/v1/search", method: .post, headers: fixture.headers(fixture.admin), body: body(0.0001)) {
                #expect($0.status == .unprocessableContent)
                #expect(Self.error($0.body).contains("fits in 0.0001 MB"), "\(String(buffer: $0.body))")
            }
            var id = ""
            try await client.execute(uri: "/v1/search", method: .post, headers: fixture.headers(fixture.admin), body: body(0.05)) { response in
                #expect(response.status == .accepted, "\(String(buffer: response.body))")
                id = Self.object(response.body)["id"] as? String ?? ""
            }
            let reply = try await Self.finishedSearch(id, client: client, polls: 400)
            #expect(reply["state"] as? String == "done", "\(reply)")
            let result = reply["result"] as? [String: Any] ?? [:]
            #expect(result["strategy"] as? String == "front" && result["memory_budget_mb"] as? Double == 0.05)
            let front = result["pareto_3d"] as? [[String: Any]] ?? []
            #expect(!front.isEmpty && front.allSatisfy { ($0["peak_memory_mb"] as? Double ?? 99) <= 0.05 })
        }
    }

    /// Path parameters are percent-decoded before use; a segment with invalid escapes is a 400.
    @Test func pathParametersArePercentDecoded() async throws {
        let fixture = try Fixture()
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/v1/devices/dev%31", method: .get) { response in
                #expect(response.status == .ok, "\(String(buffer: response.body))")
                #expect(Self.object(response.body)["id"] as? String == "dev1")
            }
            try await client.execute(uri: "/v1/devices/dev%zz", method: .get) { response in
                #expect(response.status == .badRequest, "\(String(buffer: response.body))")
                #expect(Self.error(response.body).contains("path parameter 'id' = 'dev%zz' is not valid percent-encoding"))
            }
            try await client.execute(uri: "/v1/jobs/%zz", method: .get) { #expect($0.status == .badRequest) }
        }
    }

    /// An agent token lists and reads only its own device's jobs; admin tokens and open reads see
    /// every device's.
    @Test func limitedTokensReadOnlyTheirDevicesJobs() async throws {
        let fixture = try Fixture()
        try Self.registerSecondDevice(fixture.store)
        try await fixture.app.test(.router) { client in
            var ids: [String: String] = [:]
            for device in ["dev1", "dev2"] {
                try await client.execute(uri: "/v1/jobs", method: .post, headers: fixture.headers(fixture.admin),
                                         body: Self.json(["device": device, "kind": "profile", "space": "nb201",
                                                          "parameters": ["resolution": 16]])) { response in
                    #expect(response.status == .created, "\(String(buffer: response.body))")
                    ids[device] = Self.object(response.body)["id"] as? String ?? ""
                }
            }
            let own = try #require(ids["dev1"])
            let foreign = try #require(ids["dev2"])
            for uri in ["/v1/jobs", "/v1/jobs?device=dev1", "/v1/jobs?device=dev1&state=queued"] {
                try await client.execute(uri: uri, method: .get, headers: fixture.headers(fixture.agent)) { response in
                    #expect(response.status == .ok, "\(uri): \(String(buffer: response.body))")
                    #expect(Self.array(response.body).compactMap { $0["id"] as? String } == [own], "\(uri)")
                }
            }
            try await client.execute(uri: "/v1/jobs?device=dev2", method: .get, headers: fixture.headers(fixture.agent)) { response in
                #expect(response.status == .forbidden)
                #expect(Self.error(response.body).contains("limited to device dev1, not dev2"))
            }
            try await client.execute(uri: "/v1/jobs/\(own)", method: .get, headers: fixture.headers(fixture.agent)) {
                #expect($0.status == .ok)
            }
            try await client.execute(uri: "/v1/jobs/\(foreign)", method: .get, headers: fixture.headers(fixture.agent)) { response in
                #expect(response.status == .forbidden)
                #expect(Self.error(response.body).contains("limited to device dev1, not dev2"))
            }
            for token in [fixture.admin, nil] {
                try await client.execute(uri: "/v1/jobs", method: .get, headers: fixture.headers(token)) { response in
                    #expect(response.status == .ok)
                    #expect(Set(Self.array(response.body).compactMap { $0["id"] as? String }) == [own, foreign])
                }
                try await client.execute(uri: "/v1/jobs/\(foreign)", method: .get, headers: fixture.headers(token)) {
                    #expect($0.status == .ok)
                }
            }
        }
    }

    /// `SearchJobs.cancel`: a queued search is cancelled at once, never runs and stops counting
    /// against the limit; a running one stays running until its body returns at the stop flag,
    /// then is cancelled with the result it returned; a finished one is left as it is.
    @Test func searchJobsCancelQueuedAndRunningSearches() async throws {
        let jobs = SearchJobs(maxPending: 2)
        let request = try JSONDecoder().decode(SearchRequest.self, from: Data(
            #"{"space":"nb201","strategy":"random","accuracy":"zero-cost:params","device":"dev1"}"#.utf8))
        let running = try await jobs.start(request) { cancellation in
            let deadline = Date().addingTimeInterval(10)
            while !cancellation.isCancelled && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
            return Data(#"{"partial":true}"#.utf8)
        }
        let queued = try await jobs.start(request) { _ in Data(#"{"ran":true}"#.utf8) }
        guard case .cancelled(let now)? = await jobs.cancel(queued.id) else {
            Issue.record("a queued search was not cancelled at once")
            return
        }
        #expect(now.state == .cancelled)
        // The cancelled search no longer counts: a third fits under the limit of 2.
        let third = try await jobs.start(request) { _ in Data("{}".utf8) }
        #expect(try await Self.waitWhile(jobs, running.id, in: [.queued])?.state == .running)
        guard case .requested(let asked)? = await jobs.cancel(running.id) else {
            Issue.record("a running search's cancellation was not requested")
            return
        }
        #expect(asked.state == .running)
        let stopped = try #require(try await Self.waitWhile(jobs, running.id, in: [.running]))
        #expect(stopped.state == .cancelled)
        #expect(stopped.result == Data(#"{"partial":true}"#.utf8))
        #expect(try await Self.waitWhile(jobs, third.id, in: [.queued, .running])?.state == .done)
        let never = await jobs.status(queued.id)
        #expect(never?.state == .cancelled && never?.result == nil, "the queued search ran after it was cancelled")
        for id in [running.id, queued.id, third.id] {
            guard case .finished? = await jobs.cancel(id) else { Issue.record("a finished search \(id) changed"); continue }
        }
        if let unknown = await jobs.cancel("nope") { Issue.record("an unknown search was cancelled: \(unknown)") }
    }

    /// The status of search `id` once it has left `states` (polled for at most 10 s).
    static func waitWhile(_ jobs: SearchJobs, _ id: String, in states: Set<SearchState>) async throws -> SearchJobs.Status? {
        for _ in 0..<1000 {
            guard let status = await jobs.status(id), states.contains(status.state) else { return await jobs.status(id) }
            try await Task.sleep(for: .milliseconds(10))
        }
        return await jobs.status(id)
    }

    /// `DELETE /v1/search/{id}`: a queued search is cancelled at once (200) and never runs, a
    /// running one stops at its next evaluation (202) with what it had, a finished one is a 409;
    /// an agent token cancels only its device's searches; no token is a 401, an unknown id a 404.
    @Test func searchesAreCancelled() async throws {
        let fixture = try Fixture()
        try Self.registerSecondDevice(fixture.store)
        try fixture.store.replaceLUTEntries(Self.lut(device: "dev1") + Self.lut(device: "dev2"))
        try await fixture.app.test(.router) { client in
            // 100,000 evaluations of random search over nb201's 15,625 archs: seconds at least,
            // so the second and third searches wait behind the first.
            var ids: [String] = []
            for device in ["dev1", "dev1", "dev2"] {
                let body = Self.json(["space": "nb201", "strategy": "random", "accuracy": "zero-cost:params", "device": device,
                                      "resolution": 16, "evaluations": 100_000])
                try await client.execute(uri: "/v1/search", method: .post, headers: fixture.headers(fixture.admin), body: body) { response in
                    #expect(response.status == .accepted, "\(String(buffer: response.body))")
                    ids.append(Self.object(response.body)["id"] as? String ?? "")
                }
            }
            try #require(ids.count == 3)
            let (first, queued, foreign) = (ids[0], ids[1], ids[2])
            try await client.execute(uri: "/v1/search/\(foreign)", method: .delete, headers: fixture.headers(fixture.agent)) { response in
                #expect(response.status == .forbidden)
                #expect(Self.error(response.body).contains("limited to device dev1"))
            }
            // Which state each search is in when it is cancelled depends on how fast the machine
            // runs the first (the actor-level test above pins each case with controlled bodies):
            // queued → 200 and cancelled, running → 202 and cancelled once it stops, finished → 409
            // and it stays done. Either way it ends in the state that answer promised.
            func cancelAndSettle(_ id: String, token: String) async throws {
                var answer = HTTPResponse.Status.internalServerError
                try await client.execute(uri: "/v1/search/\(id)", method: .delete, headers: fixture.headers(token)) { response in
                    answer = response.status
                    #expect([HTTPResponse.Status.ok, .accepted, .conflict].contains(response.status), "\(String(buffer: response.body))")
                    let state = Self.object(response.body)["state"] as? String
                    if response.status == .ok { #expect(state == "cancelled") }
                    if response.status == .accepted { #expect(state == "running") }
                }
                var reply: [String: Any] = [:]
                for _ in 0..<1200 {
                    try await client.execute(uri: "/v1/search/\(id)", method: .get) { reply = Self.object($0.body) }
                    if !["queued", "running"].contains(reply["state"] as? String ?? "") { break }
                    try await Task.sleep(for: .milliseconds(50))
                }
                let state = reply["state"] as? String ?? ""
                if answer == .conflict { #expect(state == "done" || state == "failed", "\(reply)") } else {
                    #expect(state == "cancelled", "\(reply)")
                }
                if answer == .accepted, let result = reply["result"] as? [String: Any] {
                    // Stopped part-way: well short of the 5,000,000 proposals it would have ended at by itself.
                    #expect((result["proposals"] as? Int ?? 5_000_000) < 5_000_000, "\(result)")
                }
                if answer == .ok { #expect(reply["result"] == nil && reply["error"] == nil, "a queued search ran: \(reply)") }
                // Once finished, a second cancellation changes nothing.
                try await client.execute(uri: "/v1/search/\(id)", method: .delete, headers: fixture.headers(token)) { response in
                    #expect(response.status == .conflict)
                    #expect(Self.error(response.body).contains("already finished"))
                }
            }
            try await cancelAndSettle(queued, token: fixture.agent)
            try await cancelAndSettle(foreign, token: fixture.admin)
            try await cancelAndSettle(first, token: fixture.admin)
            try await client.execute(uri: "/v1/search/nope", method: .delete, headers: fixture.headers(fixture.admin)) {
                #expect($0.status == .notFound)
            }
            try await client.execute(uri: "/v1/search/\(first)", method: .delete, headers: fixture.headers(nil)) {
                #expect($0.status == .unauthorized)
            }
            try await client.execute(uri: "/v1/search/\(first)", method: .put, headers: fixture.headers(fixture.admin)) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow]?.contains("DELETE") == true, "\(response.headers)")
            }
        }
    }
}

import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOEmbedded
import VernierKit
import VernierModel
import VernierProfiler
import VernierService
import VernierStore

/// Every HTTP route of `vernier serve`, through the real router, middleware and a real SQLite
/// store. An input is `<who> <METHOD> <URI>\n<body>`: `who` is `a` (admin token), `g` (an agent
/// token limited to device `dev1`) or anything else (no token). The service must answer every
/// request without trapping and without a 5xx: a client's mistake is a 4xx, never a 500.
struct HTTPRequestTarget: FuzzTarget {
    static let name = "http"
    static let summary = "every HTTP route with admin, agent and no token (router, auth, bodies, store)"

    let responder: any HTTPResponder<ServiceContext>
    let admin: String
    let agent: String
    let logger: Logger

    init() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vernier-fuzz-http-\(getpid())")
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = try SQLiteStore(path: folder.appendingPathComponent("fuzz.sqlite").path)
        admin = TokenSecret.generate()
        agent = TokenSecret.generate()
        _ = try store.createToken(name: "admin", hash: TokenSecret.hash(admin), device: nil)
        _ = try store.createToken(name: "agent", hash: TokenSecret.hash(agent), device: "dev1")
        var profile = DeviceProbe.probe(id: "dev1")
        profile.roofline = Roofline(peakGflopsOneCore: 40, peakGflopsAllCores: 80, sgemmGflops: 60, sgemmShape: "512x512x512",
                                    bandwidthGBs: ["L1": 300, "L2": 150, "DRAM": 20],
                                    sweep: [BandwidthPoint(bytes: 16_384, gbPerSecond: 300), BandwidthPoint(bytes: 1 << 28, gbPerSecond: 20)],
                                    ridgeFlopsPerByte: 4, threads: 2)
        try store.saveDevice(id: "dev1", profileJSON: try profile.json())
        // A LUT for every built-in space at its default resolution, with times from each layer's MACs,
        // so that predictions, searches and LUT reads reach their real code.
        var entries: [LUTEntryRecord] = []
        for space in Spaces.all {
            for layer in space.distinctLayers() {
                let ms = 0.001 + Double(layer.cost.macs) / 2e7
                entries.append(LUTEntryRecord(deviceId: "dev1", backend: BackendName.native, key: layer.key, op: layer.op.rawValue,
                                              stats: LatencyStats(single: ms)))
            }
        }
        try store.replaceLUTEntries(entries)
        let configuration = ServiceConfiguration(calibrationDirectory: folder.appendingPathComponent("calibration").path)
        responder = buildRouter(configuration, store: store).buildResponder()
        var quiet = Logger(label: "vernier.fuzz")
        quiet.logLevel = .critical
        logger = quiet
    }

    func run(_ data: Data) {
        guard let newline = data.firstIndex(of: UInt8(ascii: "\n")) else { return }
        let line = String(decoding: data[..<newline], as: UTF8.self).split(separator: " ", maxSplits: 2)
        guard line.count == 3, let method = HTTPRequest.Method(String(line[1])) else { return }
        let uri = String(line[2])
        guard uri.hasPrefix("/") else { return }
        let body = ByteBuffer(bytes: data[data.index(after: newline)...])
        var headers: HTTPFields = [.contentType: "application/json"]
        switch line[0] {
        case "a": headers[.authorization] = "Bearer \(admin)"
        case "g": headers[.authorization] = "Bearer \(agent)"
        default: break
        }
        let request = Request(head: HTTPRequest(method: method, scheme: "http", authority: "localhost", path: uri, headerFields: headers),
                              body: RequestBody(buffer: body))
        let started = DispatchTime.now().uptimeNanoseconds
        let status = Self.wait { [responder, logger] in
            let context = ServiceContext(source: ApplicationRequestContextSource(channel: EmbeddedChannel(), logger: logger))
            let response: Response
            do { response = try await responder.respond(to: request, context: context) } catch {
                // What the server does with an error that escapes the router: a 500.
                return (error as? any HTTPResponseError)?.status.code ?? 500
            }
            try? await response.body.write(DiscardingBodyWriter())
            return response.status.code
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        if seconds > 1 {
            // Slow requests are worth a look (a client that can make the service work seconds per request).
            FileHandle.standardError.write(Data("slow request (\(Int(seconds * 1000)) ms, status \(status)): \(line[1]) \(uri)\n".utf8))
        }
        if status >= 500 && status != 503 {
            FuzzFailure.fail("status \(status)", input: String(decoding: data, as: UTF8.self))
        }
    }

    /// Runs `body` on the concurrency pool and blocks this (libFuzzer's) thread until it returns.
    private static func wait(_ body: @escaping @Sendable () async -> Int) -> Int {
        let box = StatusBox()
        Task {
            box.status = await body()
            box.done.signal()
        }
        box.done.wait()
        return box.status
    }
}

/// The status handed from the request's task to the fuzzing thread (written before `done` is
/// signalled, read after it is waited on).
private final class StatusBox: @unchecked Sendable {
    var status = 0
    let done = DispatchSemaphore(value: 0)
}

/// A response body writer that drops what it is given (the body is produced, which is what can fail).
private struct DiscardingBodyWriter: ResponseBodyWriter {
    mutating func write(_ buffer: ByteBuffer) async throws {}
    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}

extension HTTPRequestTarget {
    /// One request per route and token kind, with valid bodies where the route takes one.
    static var seeds: [Data] {
        let requests = [
            "n GET /health\n", "n GET /ready\n", "n GET /metrics\n", "n GET /openapi.yaml\n",
            "n GET /v1/devices\n", "n GET /v1/devices/dev1\n", "n GET /v1/devices/dev%31\n",
            "n GET /v1/devices/dev1/lut/nb201?backend=native&resolution=32\n",
            "n GET /v1/devices/dev1/lut/fbnet?key=conv\n",
            #"n POST /v1/predict\#n{"device": "dev1", "space": "nb201", "archs": ["|nor_conv_3x3~0|+|nor_conv_3x3~0|skip_connect~1|+|skip_connect~0|nor_conv_1x1~1|avg_pool_3x3~2|"], "predictor": "lut"}"#,
            #"n POST /v1/predict\#n{"device": "dev1", "space": "fbnet", "archs": ["fbnet-b"], "resolution": 224, "predictor": "roofline"}"#,
            #"n POST /v1/predict\#n{"device": "dev1", "space": "mnasnet", "sample": 3, "seed": 1}"#,
            #"a POST /v1/search\#n{"device": "dev1", "space": "nb201", "strategy": "evolution", "evaluations": 50, "budget_ms": 5, "accuracy": "proxy"}"#,
            "n GET /v1/search/1\n", "n GET /v1/search\n", "a DELETE /v1/search/1\n", "n GET /v1/search/1/plot.svg\n",
            "n GET /v1/devices/dev1/coverage\n", "n GET /v1/devices/dev1/roofline.svg?space=fbnet&backend=native\n",
            "n GET /\n", "n GET /ui/app.js\n", "n GET /ui/style.css\n",
            #"a POST /v1/jobs\#n{"device": "dev1", "kind": "lut", "space": "nb201", "parameters": {"resolution": 32}}"#,
            "a GET /v1/jobs?device=dev1&state=queued\n",
            #"g POST /v1/jobs/lease\#n{"device": "dev1", "agent": "fuzz-agent"}"#,
            #"g POST /v1/jobs/1/heartbeat\#n{"agent": "fuzz-agent"}"#,
            #"g POST /v1/jobs/1/complete\#n{"agent": "fuzz-agent"}"#,
            #"g POST /v1/jobs/1/fail\#n{"agent": "fuzz-agent", "error": "runner died"}"#,
            #"g POST /v1/jobs/1/return\#n{"agent": "fuzz-agent"}"#,
            #"a POST /v1/devices/dev1/calibrate\#n{"space": "nb201", "measurements": [{"arch": "|nor_conv_3x3~0|+|nor_conv_3x3~0|skip_connect~1|+|skip_connect~0|nor_conv_1x1~1|avg_pool_3x3~2|", "latency_ms": 2.5}]}"#,
            "n GET /v1/devices/dev1/calibrate/nb201\n",
        ]
        let profile = (try? DeviceProbe.probe(id: "dev2").json()) ?? "{}"
        let entry = LUTEntry(op: "conv", stats: LatencyStats(single: 1.5), counters: [:], source: "measured")
        let results = ResultsRequest(agent: "fuzz-agent", batch: "b1", backend: BackendName.native,
                                     entries: [NB201Space().distinctLayers()[0].key: entry], measurements: nil)
        let resultsJSON = (try? JSONEncoder().encode(results)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return (requests + ["a POST /v1/devices\n\(profile)", "g POST /v1/jobs/1/results\n\(resultsJSON)"]).map { Data($0.utf8) }
    }
}

import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

extension CLITests {
    /// A `vernier serve` process on a free port, with an admin and an agent token.
    struct Server {
        let process: Process
        let port: Int
        let admin: String
        let agent: String
        let dir: URL

        var url: String { "http://127.0.0.1:\(port)" }

        static func start(leaseSeconds: Double) throws -> Server {
            let dir = try CLITests.workdir()
            let admin = try CLITests.run(["token", "create", "--name", "admin"], in: dir).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            let agent = try CLITests.run(["token", "create", "--name", "lab"], in: dir).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            for _ in 0..<5 {
                let port = Int.random(in: 20_000..<60_000)
                // No access log: nothing reads the pipe, which a long test would fill.
                let (process, _, _) = try CLITests.start(["serve", "--port", "\(port)", "--lease-seconds", "\(leaseSeconds)",
                                                          "--no-access-log"], in: dir)
                let server = Server(process: process, port: port, admin: admin, agent: agent, dir: dir)
                for _ in 0..<100 where process.isRunning {
                    if (try? server.request("GET", "/health"))?.status == 200 { return server }
                    Thread.sleep(forTimeInterval: 0.1)
                }
                process.terminate()
            }
            throw CLIError("vernier serve did not come up")
        }

        /// A blocking HTTP request; returns status and JSON body.
        func request(_ method: String, _ path: String, token: String? = nil, body: [String: Any]? = nil) throws -> (status: Int, json: Any?) {
            var request = URLRequest(url: URL(string: url + path)!)
            request.httpMethod = method
            if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
            if let body { request.httpBody = try JSONSerialization.data(withJSONObject: body) }
            let done = DispatchSemaphore(value: 0)
            nonisolated(unsafe) var result: (Int, Data?, (any Error)?) = (0, nil, nil)
            URLSession.shared.dataTask(with: request) { data, response, error in
                result = ((response as? HTTPURLResponse)?.statusCode ?? 0, data, error)
                done.signal()
            }.resume()
            done.wait()
            if let error = result.2 { throw error }
            return (result.0, result.1.flatMap { try? JSONSerialization.jsonObject(with: $0) })
        }

        func job(_ id: String) throws -> [String: Any] { try request("GET", "/v1/jobs/\(id)").json as? [String: Any] ?? [:] }

        func stop() {
            process.terminate()
            process.waitUntilExit()
        }
    }

    struct CLIError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    static let agentTiming = ["--threads", "1", "--repetitions", "3", "--min-sample-ms", "0.3", "--poll-seconds", "0.2", "--no-roofline",
                              "--heartbeat-seconds", "0.5"]

    /// Enqueues a profile job of the nb201 space at 16 px for this machine; returns its id.
    static func enqueueProfile(_ server: Server) throws -> (id: String, device: String) {
        let devices = try server.request("GET", "/v1/devices").json as? [[String: Any]] ?? []
        let device = try #require(devices.first?["id"] as? String)
        let job = try server.request("POST", "/v1/jobs", token: server.admin,
                                     body: ["device": device, "kind": "profile", "space": "nb201", "parameters": ["resolution": 16]])
        #expect(job.status == 201)
        return (try #require((job.json as? [String: Any])?["id"] as? String), device)
    }

    /// Waits for an agent to register its device, then enqueues a profile job for it.
    static func enqueueProfileOnceRegistered(_ server: Server) throws -> (id: String, device: String) {
        for _ in 0..<100 {
            if let devices = try? server.request("GET", "/v1/devices").json as? [[String: Any]], !devices.isEmpty {
                return try enqueueProfile(server)
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw CLIError("no agent registered within 10 s")
    }

    /// Server and agents as processes: an agent killed mid-job loses its lease when it lapses, a
    /// second agent finishes the job, and every LUT entry is stored exactly once.
    @Test func killedAgentsJobIsFinishedByAnotherWithEveryEntryOnce() throws {
        let server = try Server.start(leaseSeconds: 2)
        defer { server.stop() }
        let agentArgs = ["agent", "--server", server.url, "--token", server.agent, "--batch-size", "2"] + Self.agentTiming
        let first = try Self.start(agentArgs + ["--db", "agent1.sqlite"], in: server.dir)
        let job = try Self.enqueueProfileOnceRegistered(server)
        let id = job.id
        var stored = 0
        for _ in 0..<300 where stored < 4 {
            Thread.sleep(forTimeInterval: 0.1)
            stored = try server.job(id)["stored"] as? Int ?? 0
        }
        kill(first.0.processIdentifier, SIGKILL)
        first.0.waitUntilExit()
        let afterKill = try server.job(id)
        #expect(afterKill["state"] as? String == "leased")
        let storedBeforeKill = afterKill["stored"] as? Int ?? 0
        #expect(storedBeforeKill >= 4 && storedBeforeKill < 28)

        let second = try Self.run(agentArgs + ["--db", "agent2.sqlite", "--exit-when-idle"], in: server.dir)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stderr.contains("on the server already"), "\(second.stderr)")
        let done = try server.job(id)
        #expect(done["state"] as? String == "done")
        #expect(done["attempts"] as? Int == 2)
        let lut = try server.request("GET", "/v1/devices/\(job.device)/lut/nb201?resolution=16").json as? [String: Any] ?? [:]
        let entries = (lut["entries"] as? [String: Any])?.count ?? 0
        #expect(entries == 28)
        // `stored` counts only rows newly inserted: equal to the entries means none was stored twice.
        #expect(done["stored"] as? Int == entries)
    }

    /// SIGTERM: the agent finishes its step, gives the lease back and exits 0.
    @Test func terminatedAgentReturnsItsLease() throws {
        let server = try Server.start(leaseSeconds: 60)
        defer { server.stop() }
        // The token from a file, not the command line (where `ps` shows it).
        try Data((server.agent + "\n").utf8).write(to: server.dir.appendingPathComponent("agent.token"))
        let agent = try Self.start(["agent", "--server", server.url, "--token-file", "agent.token", "--db", "agent.sqlite"]
                                   + Self.agentTiming, in: server.dir)
        let job = try Self.enqueueProfileOnceRegistered(server)
        let id = job.id
        for _ in 0..<100 where try server.job(id)["state"] as? String != "leased" { Thread.sleep(forTimeInterval: 0.1) }
        kill(agent.0.processIdentifier, SIGTERM)
        agent.0.waitUntilExit()
        #expect(agent.0.terminationStatus == 0)
        let state = try server.job(id)["state"] as? String
        #expect(state == "queued" || state == "done", "\(String(describing: state))")
        let unauthorized = try server.request("POST", "/v1/jobs", body: ["device": job.device, "kind": "profile", "space": "nb201"])
        #expect(unauthorized.status == 401)
        #expect((unauthorized.json as? [String: Any])?["error"] != nil)
    }

    /// An agent started before its server keeps retrying with backoff and registers once the
    /// server comes up.
    @Test func agentWaitsForAServerThatIsDown() throws {
        let dir = try Self.workdir()
        let token = try Self.run(["token", "create", "--name", "lab"], in: dir).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let port = Int.random(in: 20_000..<60_000)
        let agent = try Self.start(["agent", "--server", "http://127.0.0.1:\(port)", "--token", token, "--db", "agent.sqlite",
                                    "--retry-seconds", "60", "--exit-when-idle", "--time-base", "absolute"] + Self.agentTiming, in: dir)
        Thread.sleep(forTimeInterval: 4)
        #expect(agent.0.isRunning)
        let (server, _, _) = try Self.start(["serve", "--port", "\(port)", "--no-access-log"], in: dir)
        defer { server.terminate(); server.waitUntilExit() }
        let stderr = agent.2.fileHandleForReading.readDataToEndOfFile()
        agent.0.waitUntilExit()
        #expect(agent.0.terminationStatus == 0, "\(String(decoding: stderr, as: UTF8.self))")
        #expect(String(decoding: stderr, as: UTF8.self).contains("registered"))
    }
}

/// The service's access log and JSON log lines.
extension CLITests {
    @Test func serveWritesAnAccessLogAsJSONLines() throws {
        let dir = try Self.workdir()
        var lines: [[String: Any]] = []
        for _ in 0..<5 where lines.isEmpty {
            let port = Int.random(in: 20_000..<60_000)
            let (process, _, err) = try Self.start(["serve", "--port", "\(port)", "--log-format", "json"], in: dir)
            var up = false
            for _ in 0..<100 where process.isRunning && !up {
                up = (try? Data(contentsOf: URL(string: "http://127.0.0.1:\(port)/health")!)) != nil
                if !up { Thread.sleep(forTimeInterval: 0.1) }
            }
            _ = try? Data(contentsOf: URL(string: "http://127.0.0.1:\(port)/v1/devices/nope")!)
            process.terminate()
            process.waitUntilExit()
            let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            lines = text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        }
        #expect(lines.contains { ($0["message"] as? String ?? "").hasPrefix("serving ") && $0["level"] as? String == "info" && $0["ts"] is String })
        #expect(lines.contains { $0["path"] as? String == "/health" && $0["status"] as? String == "200" && $0["method"] as? String == "GET" })
        #expect(lines.contains { $0["path"] as? String == "/v1/devices/nope" && $0["status"] as? String == "404" })
        let bad = try Self.run(["serve", "--log-format", "xml"], in: dir)
        #expect(bad.status != 0 && bad.stderr.contains("unknown --log-format 'xml'"))
    }
}

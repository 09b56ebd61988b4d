import Foundation
import VernierKit
import VernierModel
import VernierProfiler
import VernierStore

/// `vernier agent`: runs on a device, registers it with the service, leases its jobs, measures
/// locally and uploads results in batches, heartbeating while it works. Measurements go through
/// a local store first (so a killed agent loses nothing it measured), and keys the server has
/// already are skipped (so nothing is measured twice). On a stop request it gives its lease back.
///
/// Network calls are async; measuring runs on a thread of its own (``MeasuringThread``) while
/// the agent uploads what it has measured and heartbeats on a timer, so a long layer never lets
/// the lease lapse.
public final class Agent: Sendable {
    /// How the agent talks and measures.
    public struct Options: Sendable {
        /// This agent's id in leases (default `host:pid`).
        public var agentID: String
        /// Results per upload.
        public var batchSize: Int
        /// Seconds between polls when there is no job.
        public var pollSeconds: Double
        /// Exit when the queue is empty instead of polling.
        public var exitWhenIdle: Bool
        /// Seconds between heartbeats (keep well under the server's lease).
        public var heartbeatSeconds: Double

        /// Creates options.
        public init(agentID: String = "\(ProcessInfo.processInfo.hostName):\(getpid())", batchSize: Int = 8,
                    pollSeconds: Double = 2, exitWhenIdle: Bool = false, heartbeatSeconds: Double = 10) {
            self.agentID = agentID
            self.batchSize = batchSize
            self.pollSeconds = pollSeconds
            self.exitWhenIdle = exitWhenIdle
            self.heartbeatSeconds = heartbeatSeconds
        }
    }

    let client: ServiceClient
    let state: AgentState
    let local: Store
    let backend: any Backend
    let settings: TimingSettings
    let options: Options
    let shouldStop: @Sendable () -> Bool
    let log: @Sendable (String) -> Void

    /// Creates an agent for `profile` (this machine), measuring with `backend` into `local` (LUT
    /// entries on `timeBase` when given).
    public init(client: ServiceClient, profile: DeviceProfile, local: Store, backend: any Backend, settings: TimingSettings,
                timeBase: TimeBase?, options: Options, shouldStop: @escaping @Sendable () -> Bool, log: @escaping @Sendable (String) -> Void) {
        self.client = client
        state = AgentState(profile: profile, timeBase: timeBase)
        self.local = local
        self.backend = backend
        self.settings = settings
        self.options = options
        self.shouldStop = shouldStop
        self.log = log
    }

    /// The device profile (with the current time base).
    var profile: DeviceProfile { state.profile }
    /// The time base entries are scaled to.
    var timeBase: TimeBase? { state.timeBase }

    /// Registers the device, then leases and runs jobs until stopped (or idle, with `exitWhenIdle`).
    /// - Returns: the number of jobs finished.
    public func run() async throws -> Int {
        try expect(await client.send("POST", "v1/devices", json: profile, shouldStop: shouldStop), [200, 201],
                   "registering \(profile.id)")
        log("registered \(profile.id) with \(client.server.absoluteString) as agent \(options.agentID)")
        var finished = 0
        while !shouldStop() {
            let reply = try await client.send("POST", "v1/jobs/lease", json: ["device": profile.id, "agent": options.agentID],
                                              shouldStop: shouldStop)
            if reply.status == 204 {
                if options.exitWhenIdle { break }
                try await Task.sleep(for: .seconds(options.pollSeconds))
                continue
            }
            try expect(reply, [200], "leasing a job")
            let job = try JSONDecoder.service.decode(JobView.self, from: reply.body)
            log("leased job \(job.id): \(job.kind) \(job.space) (attempt \(job.attempts))")
            do {
                let done = try await execute(job)
                if done {
                    try expect(await client.send("POST", "v1/jobs/\(job.id)/complete", json: AgentRequest(agent: options.agentID)),
                               [200], "completing")
                    finished += 1
                    log("job \(job.id) done")
                } else {
                    _ = try? await client.send("POST", "v1/jobs/\(job.id)/return", json: AgentRequest(agent: options.agentID))
                    log("stopping: returned the lease on job \(job.id)")
                }
            } catch let error as LostLease {
                log("job \(job.id): \(error.message); leaving it")
            } catch {
                _ = try? await client.send("POST", "v1/jobs/\(job.id)/fail", json: AgentRequest(agent: options.agentID, error: "\(error)"))
                log("job \(job.id) failed: \(error)")
            }
        }
        return finished
    }

    /// Runs one job while heartbeating it; false when stopped before the end.
    func execute(_ job: JobView) async throws -> Bool {
        let space: any SearchSpace
        do { space = try Spaces.named(job.space) } catch { throw ServiceClientError("\(error)") }
        var settings = self.settings
        if let repetitions = job.parameters.repetitions { settings.repetitions = repetitions }
        if let threads = job.parameters.threads { settings.threads = threads }
        let harness = Harness(settings: settings)
        let halt = HaltRequest()
        return try await withHeartbeat(job, halt: halt) {
            switch job.kind {
            case .profile: try await profileJob(job, space: space, harness: harness, halt: halt)
            case .measure: try await measureJob(job, space: space, harness: harness, halt: halt)
            }
        }
    }

    /// Runs `body` while a heartbeat for `job` goes out every ``Options/heartbeatSeconds``; a
    /// failed heartbeat (a lost lease) raises `halt` and is thrown once `body` has returned.
    func withHeartbeat(_ job: JobView, halt: HaltRequest, _ body: () async throws -> Bool) async throws -> Bool {
        let beats = Task { [self] in
            while true {
                try await Task.sleep(for: .seconds(options.heartbeatSeconds))
                do {
                    try expect(await client.send("POST", "v1/jobs/\(job.id)/heartbeat", json: AgentRequest(agent: options.agentID)),
                               [200], "heartbeat")
                } catch {
                    halt.raise()
                    throw error
                }
            }
        }
        let outcome: Bool
        do { outcome = try await body() } catch {
            beats.cancel()
            throw error
        }
        beats.cancel()
        if case .failure(let error) = await beats.result, !(error is CancellationError) { throw error }
        return outcome
    }

    func profileJob(_ job: JobView, space: any SearchSpace, harness: Harness, halt: HaltRequest) async throws -> Bool {
        let layers = space.distinctLayers(resolution: job.parameters.resolution)
        let onServer = try await serverKeys(space: space.name, resolution: job.parameters.resolution)
        let todo = layers.filter { !onServer.contains($0.key) }
        log("job \(job.id): \(layers.count) layers, \(layers.count - todo.count) on the server already, \(todo.count) to measure")
        let builder = LUTBuilder(store: StoreSink(local), deviceID: profile.id, backend: backend, harness: harness, timeBase: timeBase)
        var pending: [String: LUTEntry] = [:]
        func queue(_ keys: Set<String>) throws {
            for record in try local.lutEntries(device: profile.id, backend: backend.name, keys: keys) {
                pending[record.key] = LUTEntry(record: record)
            }
        }
        // Entries measured here before (an earlier job, a killed run) go up without being measured again.
        try queue(Set(todo.map(\.key)))
        // One build over the whole job, on the measuring thread, so that every layer's passes are
        // seconds apart; each stored key comes back here to be uploaded in batches. A stop request,
        // a lost lease or a failed upload ends the build after its current window.
        let (stored, storedKeys) = AsyncStream.makeStream(of: String.self)
        let shouldStop = self.shouldStop
        let build = Task {
            try await MeasuringThread.run(backend: backend) {
                defer { storedKeys.finish() }
                return try builder.build(layers: todo, progress: { _, key in storedKeys.yield(key) },
                                         stop: { halt.isRaised || shouldStop() })
            }
        }
        var uploadError: (any Error)?
        for await key in stored where uploadError == nil {
            do {
                try queue([key])
                if pending.count >= options.batchSize {
                    try await upload(job, entries: pending)
                    pending = [:]
                }
            } catch {
                uploadError = error
                halt.raise()
            }
        }
        let report = try await build.value
        if let uploadError { throw uploadError }
        if halt.isRaised { return false }
        try await upload(job, entries: pending)
        try await followFasterReference(report)
        if report.done < report.total { return false }
        if !report.failed.isEmpty {
            let first = report.failed.prefix(3).map { "\($0.key): \($0.error)" }
            throw ServiceClientError("\(report.failed.count) layers failed: \(first.joined(separator: "; "))")
        }
        return true
    }

    /// When the job's reference brackets ran clearly faster than the time base, the base was
    /// measured while the machine was busy: moves it, rescales the local entries on it, and
    /// registers the moved profile, so that the server rescales the entries it holds on the old
    /// base (``TimeBaseRebase/follow(store:device:stored:incoming:)``).
    func followFasterReference(_ report: LUTBuildReport) async throws {
        guard let base = timeBase, let faster = TimeBaseRebase.fasterReference(report.fastestReferenceMs, than: base) else { return }
        let count = try TimeBaseRebase.apply(store: local, device: profile.id, from: base, toMs: faster)
        let reason = String(format: "an agent job's reference brackets ran at %.4g ms", faster)
        state.move(to: TimeBaseRebase.moved(base, toMs: faster, reason: reason, rescaledEntries: count))
        try DeviceRegistry.save(profile, store: local, directory: nil)
        try expect(await client.send("POST", "v1/devices", json: profile, shouldStop: shouldStop), [200, 201],
                   "registering \(profile.id) with its moved time base")
        log(String(format: "time base moved from %.4f to %.4f ms (%@); %d local entries rescaled, the server rescales its own",
                   base.referenceMs, faster, reason, count))
    }

    func measureJob(_ job: JobView, space: any SearchSpace, harness: Harness, halt: HaltRequest) async throws -> Bool {
        let side = job.parameters.resolution ?? space.defaultResolution
        let encodings: [Encoding]
        do { encodings = try job.parameters.measureEncodings(space: space) } catch {
            throw ServiceClientError("job \(job.id) lists an arch that is not \(space.name): \(error)")
        }
        let measurer = ArchitectureMeasurer(store: StoreSink(local), deviceID: profile.id, backend: backend, harness: harness,
                                            timeBase: timeBase)
        var uploaded = Set<String>()
        var index = 0
        while index < encodings.count {
            if shouldStop() || halt.isRaised { return false }
            let chunk = Array(encodings[index..<min(index + options.batchSize, encodings.count)])
            let report = try await MeasuringThread.run(backend: backend) {
                try measurer.measure(space: space, encodings: chunk, resolution: side)
            }
            if let failure = report.failed.first { throw ServiceClientError("\(failure.key): \(failure.error)") }
            let records = try local.archMeasurements(device: profile.id, backend: backend.name, space: space.name, resolution: side)
                .filter { !uploaded.contains($0.arch) }
            try await upload(job, measurements: records)
            uploaded.formUnion(records.map(\.arch))
            index += chunk.count
        }
        return true
    }

    /// Keys of this device's LUT for `space` that the server has.
    func serverKeys(space: String, resolution: Int?) async throws -> Set<String> {
        let name = backend.name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? backend.name
        let query = "backend=\(name)" + (resolution.map { "&resolution=\($0)" } ?? "")
        let reply = try await client.send("GET", "v1/devices/\(profile.id)/lut/\(space)?\(query)", shouldStop: shouldStop)
        if reply.status == 404 { return [] }
        try expect(reply, [200], "reading the server's LUT")
        struct Keys: Decodable { var entries: [String: LUTEntry] }
        return Set(try JSONDecoder().decode(Keys.self, from: reply.body).entries.keys)
    }

    func upload(_ job: JobView, entries: [String: LUTEntry]) async throws {
        guard !entries.isEmpty else { return }
        let batch = "\(job.id):" + entries.keys.sorted().joined(separator: ",").stableHash
        let body = ResultsRequest(agent: options.agentID, batch: batch, backend: backend.name, entries: entries, measurements: nil)
        try expect(await client.send("POST", "v1/jobs/\(job.id)/results", json: body), [200], "uploading \(entries.count) entries")
    }

    func upload(_ job: JobView, measurements records: [ArchMeasurementRecord]) async throws {
        guard !records.isEmpty else { return }
        let measurements = records.map(MeasurementUpload.init)
        let batch = "\(job.id):" + records.map(\.arch).sorted().joined(separator: "\n").stableHash
        let body = ResultsRequest(agent: options.agentID, batch: batch, backend: backend.name, entries: nil, measurements: measurements)
        try expect(await client.send("POST", "v1/jobs/\(job.id)/results", json: body), [200],
                   "uploading \(records.count) measurements")
    }

    /// Throws unless the reply's status is expected; a 409 means the lease is gone.
    func expect(_ reply: ServiceClient.Reply, _ statuses: Set<Int>, _ what: String) throws {
        guard !statuses.contains(reply.status) else { return }
        if reply.status == 409 { throw LostLease(message: "\(what): \(reply.message)") }
        throw ServiceClientError("\(what): HTTP \(reply.status): \(reply.message)")
    }

    /// The server says this agent no longer holds the job's lease.
    struct LostLease: Error {
        let message: String
    }
}

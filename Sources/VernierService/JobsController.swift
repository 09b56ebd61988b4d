import Foundation
import Hummingbird
import VernierKit
import VernierModel
import VernierProfiler
import VernierStore

/// `/v1/jobs`: the agents' job queue. A job is leased to one agent for `leaseSeconds`, extended
/// by heartbeats; a lease that runs out (the agent died) makes the job leasable again. Results
/// come in batches, each stored once however often it is retried; results already stored stay.
struct JobsController {
    let access: StoreAccess
    let configuration: ServiceConfiguration
    let cache: PredictorCache

    func addRoutes(to group: RouterGroup<ServiceContext>) {
        group.post(use: enqueue)
        group.get(use: list)
        group.post("lease", use: lease)
        group.get(":id", use: show)
        group.post(":id/heartbeat", use: heartbeat)
        group.post(":id/results", use: results)
        group.post(":id/complete", use: complete)
        group.post(":id/fail", use: fail)
        group.post(":id/return", use: giveBack)
    }

    @Sendable func enqueue(_ request: Request, context: ServiceContext) async throws -> EditedResponse<JobView> {
        let body = try await request.decode(as: EnqueueJobRequest.self, context: context)
        try context.requireAccess(toDevice: body.device)
        _ = try await access.device(body.device)
        guard let kind = JobKind(rawValue: body.kind) else {
            throw ServiceError(.badRequest, "unknown job kind '\(body.kind)'; allowed: \(JobKind.names.joined(separator: ", "))")
        }
        let space: any SearchSpace
        do { space = try Spaces.named(body.space) } catch { throw ServiceError(.badRequest, "\(error)") }
        var parameters = body.parameters ?? JobParameters()
        if kind == .measure && parameters.count == nil && parameters.archs == nil {
            throw ServiceError(.badRequest, "a measure job needs parameters.count or parameters.archs")
        }
        if let archs = parameters.archs {
            guard kind == .measure else { throw ServiceError(.badRequest, "parameters.archs is for measure jobs") }
            guard (1...JobParameters.maxArchs).contains(archs.count) else {
                throw ServiceError(.badRequest, "parameters.archs has \(archs.count) archs; allowed 1...\(JobParameters.maxArchs)")
            }
            var canonical: [String] = []
            var seen = Set<String>()
            for (index, text) in archs.enumerated() {
                let encoding: Encoding
                do { encoding = try space.parseOrNamed(text) } catch {
                    throw ServiceError(.badRequest, "parameters.archs[\(index)]: \(error)")
                }
                let arch = space.format(encoding)
                guard seen.insert(arch).inserted else {
                    throw ServiceError(.badRequest, "parameters.archs[\(index)]: arch \(arch) is listed twice")
                }
                canonical.append(arch)
            }
            parameters.archs = canonical
            parameters.count = canonical.count
        }
        if let problem = space.resolutionProblem(parameters.resolution, field: "parameters.resolution") {
            throw ServiceError(.badRequest, problem)
        }
        let limits: [(String, Int?, ClosedRange<Int>)] = [
            ("count", parameters.count, SizeLimits.measuredArchs),
            ("threads", parameters.threads, 1...1024), ("repetitions", parameters.repetitions, 3...10_000),
        ]
        for (name, value, range) in limits {
            if let value, !range.contains(value) {
                throw ServiceError(.badRequest, "parameters.\(name) = \(value) is outside \(range.lowerBound)...\(range.upperBound)")
            }
        }
        let json = String(decoding: try JSONEncoder().encode(parameters), as: UTF8.self)
        let job = try await access.run {
            try access.store.enqueueJob(device: body.device, kind: kind, space: body.space, parameters: json)
        }
        return EditedResponse(status: .created, response: JobView(job))
    }

    /// The jobs, optionally of one device and state. A token limited to one device reads that
    /// device's jobs only: without `device` they are its device's, with another device it is a 403.
    @Sendable func list(_ request: Request, context: ServiceContext) async throws -> [JobView] {
        let asked = request.uri.queryParameters.get("device")
        if let asked { try context.requireAccess(toDevice: asked) }
        let device = asked ?? context.token?.device
        var state: JobState?
        if let text = request.uri.queryParameters.get("state") {
            guard let parsed = JobState(rawValue: text) else {
                throw ServiceError(.badRequest, "unknown state '\(text)'; allowed: \(JobState.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            state = parsed
        }
        let wanted = state
        return try await access.run { try access.store.jobs(device: device, state: wanted) }.map(JobView.init)
    }

    /// One job; a token limited to another device gets a 403.
    @Sendable func show(_ request: Request, context: ServiceContext) async throws -> JobView {
        let job = try await job(context)
        try context.requireAccess(toDevice: job.device)
        return JobView(job)
    }

    @Sendable func lease(_ request: Request, context: ServiceContext) async throws -> Response {
        let body = try await request.decode(as: LeaseRequest.self, context: context)
        try context.requireAccess(toDevice: body.device)
        _ = try await access.device(body.device)
        let leased = try await access.run {
            try access.store.leaseJob(device: body.device, owner: owner(body.agent, context), ttl: configuration.leaseSeconds)
        }
        guard let leased else { return Response(status: .noContent) }
        return try JobView(leased).response(from: request, context: context)
    }

    @Sendable func heartbeat(_ request: Request, context: ServiceContext) async throws -> JobView {
        let body = try await request.decode(as: AgentRequest.self, context: context)
        let job = try await leasedJob(context, agent: body.agent)
        guard let extended = try await access.run({
            try access.store.heartbeatJob(id: job.id, owner: owner(body.agent, context), ttl: configuration.leaseSeconds)
        }) else { throw conflict(job, agent: body.agent, context: context) }
        return JobView(extended)
    }

    @Sendable func results(_ request: Request, context: ServiceContext) async throws -> ResultsResponse {
        let body = try await request.decode(as: ResultsRequest.self, context: context)
        let job = try await leasedJob(context, agent: body.agent)
        guard !body.batch.isEmpty else { throw ServiceError(.badRequest, "field 'batch' is empty") }
        do { _ = try BackendSpec(parsing: body.backend) } catch { throw ServiceError(.badRequest, "field 'backend': \(error.message)") }
        guard body.backend.count <= 1_000, !body.backend.contains(where: \.isNewline) else {
            throw ServiceError(.badRequest, "field 'backend' must be one line of at most 1000 characters")
        }
        let space: any SearchSpace
        do { space = try Spaces.named(job.space) } catch { throw ServiceError(.internalServerError, "job \(job.id): \(error)") }
        let parameters = (try? JSONDecoder().decode(JobParameters.self, from: Data(job.parameters.utf8))) ?? JobParameters()
        let outcome: (duplicate: Bool, stored: Int)
        if let entries = body.entries {
            guard job.kind == .profile else { throw ServiceError(.badRequest, "job \(job.id) is a \(job.kind.rawValue) job; it takes 'measurements'") }
            // Only layers the job asked for: the keys of its space's layers at its resolution.
            let layers = Set(space.distinctLayers(resolution: parameters.resolution).map(\.key))
            for (key, entry) in entries.sorted(by: { $0.key < $1.key }) {
                guard layers.contains(key) else {
                    throw ServiceError(.badRequest, "entries[\(key)]: not a layer of \(space.name) at this job's resolution")
                }
                if let problem = entry.stats.implausibleFigure { throw ServiceError(.badRequest, "entries[\(key)]: \(problem)") }
            }
            let records = entries.map { key, entry in
                entry.record(device: job.device, backend: body.backend, key: key, settings: "{}")
            }
            outcome = try await access.run { try access.store.storeJobLUTEntries(jobId: job.id, batchId: body.batch, entries: records) }
        } else if let measurements = body.measurements {
            guard job.kind == .measure else { throw ServiceError(.badRequest, "job \(job.id) is a \(job.kind.rawValue) job; it takes 'entries'") }
            let side = parameters.resolution ?? space.defaultResolution
            let records = try measurements.enumerated().map { index, m in
                if let problem = m.stats.implausibleFigure { throw ServiceError(.badRequest, "measurements[\(index)]: \(problem)") }
                guard m.resolution == side else {
                    throw ServiceError(.badRequest, "measurements[\(index)]: resolution \(m.resolution) is not this job's \(side)")
                }
                let canonical: String
                do { canonical = space.format(try space.parse(m.arch)) } catch {
                    throw ServiceError(.badRequest, "measurements[\(index)].arch: \(error)")
                }
                var record = m.record(device: job.device, backend: body.backend, space: job.space)
                record.arch = canonical
                return record
            }
            outcome = try await access.run {
                try access.store.storeJobMeasurements(jobId: job.id, batchId: body.batch, measurements: records)
            }
        } else {
            throw ServiceError(.badRequest, "a results batch needs 'entries' or 'measurements'")
        }
        if outcome.stored > 0 { cache.invalidate(device: job.device) }
        let total = try await access.run { try access.store.job(id: job.id)?.stored } ?? 0
        return ResultsResponse(stored: outcome.stored, duplicate: outcome.duplicate, jobStored: total)
    }

    @Sendable func complete(_ request: Request, context: ServiceContext) async throws -> JobView {
        try await finish(request, context: context, failed: false)
    }

    @Sendable func fail(_ request: Request, context: ServiceContext) async throws -> JobView {
        try await finish(request, context: context, failed: true)
    }

    @Sendable func giveBack(_ request: Request, context: ServiceContext) async throws -> JobView {
        let body = try await request.decode(as: AgentRequest.self, context: context)
        let job = try await leasedJob(context, agent: body.agent)
        let holder = owner(body.agent, context)
        guard try await access.run({ try access.store.returnJob(id: job.id, owner: holder) }) else {
            throw conflict(job, agent: body.agent, context: context)
        }
        return JobView(try await self.job(context))
    }

    func finish(_ request: Request, context: ServiceContext, failed: Bool) async throws -> JobView {
        let body = try await request.decode(as: AgentRequest.self, context: context)
        let job = try await leasedJob(context, agent: body.agent)
        let holder = owner(body.agent, context)
        guard try await access.run({
            try access.store.finishJob(id: job.id, owner: holder, failed: failed, error: body.error)
        }) else { throw conflict(job, agent: body.agent, context: context) }
        return JobView(try await self.job(context))
    }

    // MARK: - Helpers

    /// The lease owner of an agent: its token's name and the id it gives itself.
    func owner(_ agent: String, _ context: ServiceContext) -> String { "\(context.token?.name ?? "anonymous")/\(agent)" }

    /// The job of the `:id` parameter, or 404.
    func job(_ context: ServiceContext) async throws -> JobRecord {
        let id = try context.pathParameter("id")
        guard let job = try await access.run({ try access.store.job(id: id) }) else { throw ServiceError(.notFound, "no job \(id)") }
        return job
    }

    /// The job, which must be leased by this agent (409 otherwise), on a device the token may use.
    func leasedJob(_ context: ServiceContext, agent: String) async throws -> JobRecord {
        let job = try await job(context)
        try context.requireAccess(toDevice: job.device)
        guard job.state == .leased, job.leaseOwner == owner(agent, context) else { throw conflict(job, agent: agent, context: context) }
        return job
    }

    func conflict(_ job: JobRecord, agent: String, context: ServiceContext) -> ServiceError {
        if job.state == .leased, let holder = job.leaseOwner {
            return ServiceError(.conflict, "job \(job.id) is leased by \(holder), not \(owner(agent, context))")
        }
        return ServiceError(.conflict, "job \(job.id) is \(job.state.rawValue), not leased by \(owner(agent, context))")
    }
}

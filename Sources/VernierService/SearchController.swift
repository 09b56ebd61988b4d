import Foundation
import Hummingbird
import VernierKit
import VernierModel
import VernierPredict
import VernierSearch

/// `POST /v1/search` starts a latency-budgeted search on the server (202 with its id);
/// `GET /v1/search/{id}` polls its state and, once done, its result (the `search --json` document);
/// `GET /v1/search/{id}/plot.svg` draws its Pareto plot once it has a result; `GET /v1/search`
/// lists the searches, newest first; `DELETE /v1/search/{id}` cancels one (a running search
/// stops before its next evaluation).
/// Latencies come from the device's predictor, as in `/v1/predict`; accuracies from a table or
/// surrogate file under the server's search-data directory, or a zero-cost proxy.
struct SearchController {
    let access: StoreAccess
    let predict: PredictController
    let configuration: ServiceConfiguration
    let jobs: SearchJobs

    func addRoutes(to group: RouterGroup<ServiceContext>) {
        group.post(use: start)
        group.get(use: list)
        group.get(":id", use: status)
        group.get(":id/plot.svg", use: plot)
        group.delete(":id", use: cancel)
    }

    @Sendable func start(_ request: Request, context: ServiceContext) async throws -> Response {
        let body = try await request.decode(as: SearchRequest.self, context: context)
        let space: any SearchSpace
        do { space = try Spaces.named(body.space) } catch { throw ServiceError(.badRequest, "\(error)") }
        // A search runs on the server's CPU for the device: an agent token may start one only for its own.
        try context.requireAccess(toDevice: body.device)
        let profile = try await access.device(body.device)
        do { _ = try Strategies.named(body.strategy) } catch { throw ServiceError(.badRequest, "\(error)") }
        let accuracy = try serverSideAccuracy(body.accuracy)
        let evaluations = body.evaluations ?? 1000
        guard (1...100_000).contains(evaluations) else {
            throw ServiceError(.badRequest, "evaluations = \(evaluations) is outside 1...100000")
        }
        guard let constraint = Constraint(rawValue: body.constraint ?? "hard") else {
            throw ServiceError(.badRequest, "unknown constraint '\(body.constraint ?? "")'; allowed: hard, soft")
        }
        if let budget = body.budgetMs, !(budget.isFinite && budget > 0) {
            throw ServiceError(.badRequest, "budget_ms must be a positive number")
        }
        if let memory = body.memoryBudgetMB, !(memory.isFinite && memory > 0) {
            throw ServiceError(.badRequest, "memory_budget_mb must be a positive number of megabytes")
        }
        let side = body.resolution ?? space.defaultResolution
        if let problem = space.resolutionProblem(body.resolution, field: "field 'resolution'") {
            throw ServiceError(.badRequest, problem)
        }
        let latency = try await predict.compiledPredictor(body.predictor ?? "lut", profile: profile, space: space,
                                                          backend: body.backend ?? BackendName.native, resolution: side)
        // Budgets no arch meets are refused now, not after the search has spent its evaluations
        // (the CLI does the same); finding the fastest or smallest arch may enumerate the space,
        // so it runs off the cooperative threads.
        let objective = Objective(budgetMs: body.budgetMs, constraint: constraint, memoryBudgetMB: body.memoryBudgetMB)
        let impossible = try await access.run { () -> String? in
            if let budget = body.budgetMs, let problem = SearchRun.impossibleBudget(budget, space: space, latency: latency) { return problem.message }
            let memory = body.memoryBudgetMB.map { _ in ActivationMemory(space: space, resolution: side) }
            return SearchRun.constraintProblem(objective: objective, space: space, latency: latency, memory: memory)?.message
        }
        if let impossible { throw ServiceError(.unprocessableContent, impossible) }
        let status = try await jobs.enqueue(body) { cancellation in
            let estimator = try AccuracyEstimators.make(spec: accuracy, space: space, resolution: side, timeoutSeconds: 0, cache: nil)
            let memory = body.memoryBudgetMB.map { _ in ActivationMemory(space: space, resolution: side) }
            let evaluator = Evaluator(space: space, accuracy: estimator, latency: latency, limit: evaluations, onError: .stop, memory: memory)
            // A cancelled search stops before its next evaluation and reports what it has.
            evaluator.shouldStop = { cancellation.isCancelled }
            let result = try SearchRun.run(strategy: try Strategies.named(body.strategy), evaluator: evaluator,
                                           objective: objective,
                                           seed: body.seed ?? 1, reference: nil)
            let runId = try SearchRunArchive.save(result, store: access.store)
            return SearchJobs.Output(result: try JSONEncoder().encode(SearchOutput(result, runId: runId)),
                                     plot: SearchPlot(result, accuracy: body.accuracy))
        }
        return Response(status: .accepted, headers: [.contentType: "application/json", .location: "/v1/search/\(status.id)"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: try status.json())))
    }

    @Sendable func status(_ request: Request, context: ServiceContext) async throws -> Response {
        let id = try context.pathParameter("id")
        guard let status = await jobs.status(id) else { throw ServiceError(.notFound, "no search \(id)") }
        return try Self.reply(.ok, status)
    }

    /// Every search kept (queued, running, the last 1,000 finished), newest first. A token
    /// limited to one device lists that device's searches only.
    @Sendable func list(_ request: Request, context: ServiceContext) async throws -> [SearchSummary] {
        let limited = context.token?.device
        return await jobs.all().reversed().filter { limited == nil || $0.request.device == limited }.map(SearchSummary.init)
    }

    /// The Pareto plot of a search (the chart of `search --plot`) as SVG, once it has a result:
    /// 404 for an unknown search, 409 while it is queued or running, or when it ended without a
    /// result (failed, or cancelled before it evaluated anything).
    @Sendable func plot(_ request: Request, context: ServiceContext) async throws -> Response {
        let id = try context.pathParameter("id")
        guard let status = await jobs.status(id) else { throw ServiceError(.notFound, "no search \(id)") }
        guard let chart = status.plot else {
            if status.state.isFinished {
                throw ServiceError(.conflict, "search \(id) is \(status.state.rawValue) without a result; there is nothing to plot")
            }
            throw ServiceError(.conflict, "search \(id) is \(status.state.rawValue); its plot is drawn once it is done")
        }
        // Tens of thousands of points take a while to write: off the cooperative threads.
        let svg = try await access.run { chart.svg() }
        return Response(status: .ok, headers: [.contentType: "image/svg+xml", .cacheControl: "no-cache"],
                        body: ResponseBody(byteBuffer: ByteBuffer(string: svg)))
    }

    /// Cancels a search: 200 with its status when it was queued (it never runs), 202 when it is
    /// running (it stops before its next evaluation and is then `cancelled` with what it had),
    /// 409 when it had already finished. An agent token cancels only its own device's searches.
    @Sendable func cancel(_ request: Request, context: ServiceContext) async throws -> Response {
        let id = try context.pathParameter("id")
        guard let status = await jobs.status(id) else { throw ServiceError(.notFound, "no search \(id)") }
        try context.requireAccess(toDevice: status.request.device)
        guard let outcome = await jobs.cancel(id) else { throw ServiceError(.notFound, "no search \(id)") }
        switch outcome {
        case .cancelled(let now): return try Self.reply(.ok, now)
        case .requested(let now): return try Self.reply(.accepted, now)
        case .finished(let now):
            throw ServiceError(.conflict, "search \(id) already finished (\(now.state.rawValue)); there is nothing to cancel")
        }
    }

    /// A search's status as a JSON response.
    static func reply(_ code: HTTPResponse.Status, _ status: SearchJobs.Status) throws -> Response {
        Response(status: code, headers: [.contentType: "application/json"],
                 body: ResponseBody(byteBuffer: ByteBuffer(bytes: try status.json())))
    }

    /// The accuracy spec with any file resolved under the search-data directory; `command:` and
    /// paths leaving the directory are refused.
    func serverSideAccuracy(_ spec: String) throws -> String {
        if spec.hasPrefix("zero-cost:") { return spec }
        for prefix in ["table:", "surrogate:"] where spec.hasPrefix(prefix) {
            let path = String(spec.dropFirst(prefix.count))
            guard !path.hasPrefix("/"), !path.split(separator: "/").contains("..") else {
                throw ServiceError(.badRequest, "accuracy file '\(path)' must be relative to the server's search-data directory, without '..'")
            }
            return prefix + URL(fileURLWithPath: configuration.searchDataDirectory).appendingPathComponent(path).path
        }
        throw ServiceError(.badRequest, "accuracy '\(spec)' is not served; allowed: table:FILE[#COL], surrogate:FILE, zero-cost:NAME")
    }
}

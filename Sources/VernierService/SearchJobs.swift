import Foundation

/// Searches started through `POST /v1/search`, run one at a time in the background, and their
/// outcomes for `GET /v1/search/{id}` (and its plot) and `GET /v1/search`;
/// `DELETE /v1/search/{id}` cancels one.
actor SearchJobs {
    /// A search's state and, once done, its result document (the `search --json` format).
    struct Status: Sendable {
        var id: String
        var state: SearchState
        var request: SearchRequest
        var error: String?
        var result: Data?
        /// The result's best arch and evaluations, read from ``result`` when the search finished.
        var headline: SearchHeadline?
        /// What its Pareto plot draws, when its body returned one. Only the newest
        /// ``SearchJobs/maxPlotted`` finished searches keep their evaluated points.
        var plot: SearchPlot?

        /// The reply body: id, state, the request, and the error or the result document.
        func json() throws -> Data {
            var object: [String: Any] = ["id": id, "state": state.rawValue]
            object["request"] = try JSONSerialization.jsonObject(with: JSONEncoder().encode(request))
            if let error { object["error"] = error }
            if let result { object["result"] = try JSONSerialization.jsonObject(with: result) }
            return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        }
    }

    /// What a search's body hands back: the result document and, optionally, its plot.
    struct Output: Sendable {
        var result: Data
        var plot: SearchPlot?
    }

    /// What ``cancel(_:)`` did, with the search's status after it.
    enum CancelOutcome: Sendable {
        /// It was queued and is now cancelled: it will never run.
        case cancelled(Status)
        /// It is running; it was asked to stop and becomes cancelled once its body returns.
        case requested(Status)
        /// It had already finished (done, failed or cancelled); nothing changed.
        case finished(Status)
    }

    private var statuses: [String: Status] = [:]
    /// The stop flags of the searches not yet finished.
    private var cancellations: [String: SearchCancellation] = [:]
    /// Ids in the order they were started, to forget the oldest finished ones.
    private var order: [String] = []
    private var queue: Task<Void, Never>?
    /// Searches queued or running at once; one more is refused (429). Cancelled ones do not count.
    let maxPending: Int
    /// Finished searches whose results are kept for polling; older ones are forgotten.
    let maxFinished: Int
    /// Finished searches whose plots keep every evaluated point (up to 16 bytes × 100,000 each);
    /// older ones keep the front, the budget and the best arch.
    let maxPlotted: Int

    /// Creates the queue.
    init(maxPending: Int = 16, maxFinished: Int = 1000, maxPlotted: Int = 32) {
        self.maxPending = maxPending
        self.maxFinished = maxFinished
        self.maxPlotted = maxPlotted
    }

    /// Registers a search whose body returns only a result document (no plot); see
    /// ``enqueue(_:body:)``.
    func start(_ request: SearchRequest, body: @escaping @Sendable (SearchCancellation) throws -> Data) throws -> Status {
        try enqueue(request) { cancellation in Output(result: try body(cancellation)) }
    }

    /// Registers a search and runs `body` after the searches before it, unless it is cancelled
    /// first; returns its status. `body` gets the search's stop flag, set by ``cancel(_:)``.
    /// - Throws: ``ServiceError`` (429) when ``maxPending`` searches are queued or running.
    func enqueue(_ request: SearchRequest, body: @escaping @Sendable (SearchCancellation) throws -> Output) throws -> Status {
        let pending = statuses.values.filter { !$0.state.isFinished }.count
        guard pending < maxPending else {
            throw ServiceError(.tooManyRequests, "\(pending) searches are queued or running; the limit is \(maxPending): poll one with GET /v1/search/{id} and start this one once it is done")
        }
        forgetOldFinished()
        let id = UUID().uuidString
        order.append(id)
        let status = Status(id: id, state: .queued, request: request)
        statuses[id] = status
        let cancellation = SearchCancellation()
        cancellations[id] = cancellation
        let previous = queue
        queue = Task.detached { [weak self] in
            await previous?.value
            // A search cancelled while it waited never runs.
            guard await self?.begin(id) == true else { return }
            do {
                let output = try body(cancellation)
                await self?.finish(id, output: output, error: nil)
            } catch {
                await self?.finish(id, output: nil, error: "\(error)")
            }
        }
        return status
    }

    /// Cancels search `id`: a queued one at once, a running one by setting its stop flag (it stays
    /// running until its body returns, then is cancelled with what it had); a finished one is left
    /// as it is. `nil` when there is no such search.
    func cancel(_ id: String) -> CancelOutcome? {
        guard let status = statuses[id] else { return nil }
        switch status.state {
        case .queued:
            cancellations.removeValue(forKey: id)?.cancel()
            statuses[id]?.state = .cancelled
            return .cancelled(statuses[id] ?? status)
        case .running:
            cancellations[id]?.cancel()
            return .requested(status)
        case .done, .failed, .cancelled:
            return .finished(status)
        }
    }

    /// Drops the oldest finished searches beyond ``maxFinished``.
    private func forgetOldFinished() {
        let finished = order.filter { statuses[$0]?.state.isFinished == true }
        guard finished.count >= maxFinished else { return }
        let dropped = Set(finished.prefix(finished.count - maxFinished + 1))
        for id in dropped {
            statuses[id] = nil
            cancellations[id] = nil
        }
        order.removeAll { dropped.contains($0) }
    }

    /// The status of search `id`.
    func status(_ id: String) -> Status? { statuses[id] }

    /// Every search kept (queued, running, and the last ``maxFinished`` finished), in the order
    /// they were started.
    func all() -> [Status] { order.compactMap { statuses[$0] } }

    /// Marks a queued search running; `false` when it was cancelled (or forgotten) meanwhile.
    private func begin(_ id: String) -> Bool {
        guard statuses[id]?.state == .queued else { return false }
        statuses[id]?.state = .running
        return true
    }

    /// Records how a search's body ended: done or failed, or cancelled when its stop flag was set
    /// while it ran (keeping the result of what it had evaluated, or the error it stopped with).
    private func finish(_ id: String, output: Output?, error: String?) {
        let cancelled = cancellations.removeValue(forKey: id)?.isCancelled ?? false
        statuses[id]?.state = cancelled ? .cancelled : (error == nil ? .done : .failed)
        statuses[id]?.error = error
        statuses[id]?.result = output?.result
        statuses[id]?.headline = output.flatMap { SearchHeadline(result: $0.result) }
        statuses[id]?.plot = output?.plot
        thinPlots()
    }

    /// Drops the evaluated points of plots older than the newest ``maxPlotted`` that have them.
    private func thinPlots() {
        let plotted = order.filter { (statuses[$0]?.plot?.pointCount ?? 0) > 0 }
        for id in plotted.dropLast(maxPlotted) { statuses[id]?.plot?.dropPoints() }
    }
}

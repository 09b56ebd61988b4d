import Foundation

/// Searches started through `POST /v1/search`, run one at a time in the background, and their
/// outcomes for `GET /v1/search/{id}`.
actor SearchJobs {
    /// A search's state and, once done, its result document (the `search --json` format).
    struct Status: Sendable {
        var id: String
        var state: SearchState
        var request: SearchRequest
        var error: String?
        var result: Data?

        /// The reply body: id, state, the request, and the error or the result document.
        func json() throws -> Data {
            var object: [String: Any] = ["id": id, "state": state.rawValue]
            object["request"] = try JSONSerialization.jsonObject(with: JSONEncoder().encode(request))
            if let error { object["error"] = error }
            if let result { object["result"] = try JSONSerialization.jsonObject(with: result) }
            return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        }
    }

    private var statuses: [String: Status] = [:]
    /// Ids in the order they were started, to forget the oldest finished ones.
    private var order: [String] = []
    private var queue: Task<Void, Never>?
    /// Searches queued or running at once; one more is refused (429).
    let maxPending: Int
    /// Finished searches whose results are kept for polling; older ones are forgotten.
    let maxFinished: Int

    /// Creates the queue.
    init(maxPending: Int = 16, maxFinished: Int = 1000) {
        self.maxPending = maxPending
        self.maxFinished = maxFinished
    }

    /// Registers a search and runs `body` after the searches before it; returns its status.
    /// - Throws: ``ServiceError`` (429) when ``maxPending`` searches are queued or running.
    func start(_ request: SearchRequest, body: @escaping @Sendable () throws -> Data) throws -> Status {
        let pending = statuses.values.filter { $0.state == .queued || $0.state == .running }.count
        guard pending < maxPending else {
            throw ServiceError(.tooManyRequests, "\(pending) searches are queued or running; the limit is \(maxPending): poll one with GET /v1/search/{id} and start this one once it is done")
        }
        forgetOldFinished()
        let id = UUID().uuidString
        order.append(id)
        let status = Status(id: id, state: .queued, request: request)
        statuses[id] = status
        let previous = queue
        queue = Task.detached { [weak self] in
            await previous?.value
            await self?.set(id, state: .running)
            do {
                let data = try body()
                await self?.finish(id, result: data, error: nil)
            } catch {
                await self?.finish(id, result: nil, error: "\(error)")
            }
        }
        return status
    }

    /// Drops the oldest finished searches beyond ``maxFinished``.
    private func forgetOldFinished() {
        let finished = order.filter { statuses[$0]?.state == .done || statuses[$0]?.state == .failed }
        guard finished.count >= maxFinished else { return }
        let dropped = Set(finished.prefix(finished.count - maxFinished + 1))
        for id in dropped { statuses[id] = nil }
        order.removeAll { dropped.contains($0) }
    }

    /// The status of search `id`.
    func status(_ id: String) -> Status? { statuses[id] }

    private func set(_ id: String, state: SearchState) { statuses[id]?.state = state }

    private func finish(_ id: String, result: Data?, error: String?) {
        statuses[id]?.state = error == nil ? .done : .failed
        statuses[id]?.error = error
        statuses[id]?.result = result
    }
}

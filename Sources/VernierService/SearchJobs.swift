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
    private var queue: Task<Void, Never>?

    /// Registers a search and runs `body` after the searches before it; returns its status.
    func start(_ request: SearchRequest, body: @escaping @Sendable () throws -> Data) -> Status {
        let id = UUID().uuidString
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

    /// The status of search `id`.
    func status(_ id: String) -> Status? { statuses[id] }

    private func set(_ id: String, state: SearchState) { statuses[id]?.state = state }

    private func finish(_ id: String, result: Data?, error: String?) {
        statuses[id]?.state = error == nil ? .done : .failed
        statuses[id]?.error = error
        statuses[id]?.result = result
    }
}

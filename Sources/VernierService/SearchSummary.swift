import Hummingbird

/// One search in `GET /v1/search`: its id, state and request, and once it has a result, the best
/// arch, the evaluations and where its plot is. Absent fields are left out, as in the status of
/// `GET /v1/search/{id}`.
struct SearchSummary: ResponseEncodable, Sendable {
    var id: String
    var state: String
    var request: SearchRequest
    /// Why it failed (or the error a cancelled search stopped with).
    var error: String?
    /// Distinct archs evaluated, once there is a result.
    var evaluations: Int?
    /// The best arch, once there is a result that has one.
    var best: SearchHeadline.Best?
    /// The path of its Pareto plot (`/v1/search/{id}/plot.svg`), once it can be drawn.
    var plot: String?

    /// The summary of a search's status.
    init(_ status: SearchJobs.Status) {
        id = status.id
        state = status.state.rawValue
        request = status.request
        error = status.error
        evaluations = status.headline?.evaluations
        best = status.headline?.best
        plot = status.plot == nil ? nil : "/v1/search/\(status.id)/plot.svg"
    }
}

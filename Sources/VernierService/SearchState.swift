/// Where a search started through `POST /v1/search` stands.
enum SearchState: String, Sendable {
    /// Waiting for the searches before it.
    case queued
    /// Being run (also while a cancellation asked for stops it).
    case running
    /// Finished; the status carries the result document.
    case done
    /// Stopped by an error; the status carries it.
    case failed
    /// Cancelled by `DELETE /v1/search/{id}`: before it ran (no result), or while it ran (the
    /// result of what it had evaluated, or the error it stopped with).
    case cancelled

    /// Whether the search is over: done, failed or cancelled.
    var isFinished: Bool {
        switch self {
        case .queued, .running: false
        case .done, .failed, .cancelled: true
        }
    }
}

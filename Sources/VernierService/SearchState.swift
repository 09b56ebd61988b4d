/// Where a search started through `POST /v1/search` stands.
enum SearchState: String, Sendable {
    /// Waiting for the searches before it.
    case queued
    /// Being run.
    case running
    /// Finished; the status carries the result document.
    case done
    /// Stopped by an error; the status carries it.
    case failed
}

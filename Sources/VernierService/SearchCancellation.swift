import Foundation

/// The stop flag of one search: set by `DELETE /v1/search/{id}` on a request's task, read by the
/// running search's evaluator before every new evaluation on the search's thread.
final class SearchCancellation: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelled = false

    /// Creates a flag that is not set.
    init() {}

    /// Whether the search was asked to stop.
    var isCancelled: Bool { lock.withLock { cancelled } }

    /// Asks the search to stop; it stops before its next evaluation.
    func cancel() { lock.withLock { cancelled = true } }
}

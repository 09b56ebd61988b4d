/// What a search does when the estimator or latency source fails for one architecture.
public enum ErrorPolicy: String, Sendable, CaseIterable {
    /// Stop the search and report the error (default).
    case stop
    /// Record the failure, skip the architecture and go on.
    case skip
}

/// A search problem: a bad strategy, estimator or latency spec, an architecture a table lacks, an
/// estimator command that failed, or a budget no architecture meets — naming the offending value
/// and where it came from.
public struct SearchError: Error, CustomStringConvertible, Equatable, Sendable {
    /// What went wrong.
    public enum Code: String, Sendable {
        /// An `--accuracy`, `--latency` or `--strategy` value that cannot be understood.
        case badSpec
        /// A table (accuracy or latency) has no row for an architecture the search asked for.
        case missingArch
        /// An estimator (command, surrogate, zero-cost pass) failed for one architecture.
        case estimatorFailed
        /// A surrogate file is unreadable or for another space.
        case badSurrogate
        /// No architecture of the space can meet the latency budget.
        case impossibleBudget
        /// The search itself cannot run with these settings.
        case badSettings
    }

    /// What went wrong.
    public var code: Code
    /// One-line explanation with the offending value and its location.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}

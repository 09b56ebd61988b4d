import VernierModel

/// Something that scores an architecture's accuracy: a table of trained results, a zero-cost
/// proxy, a fitted surrogate or the user's own training command.
///
/// Estimators may keep state (caches, a running process), so they are reference types used from
/// one search at a time.
public protocol AccuracyEstimator: AnyObject {
    /// The spec it was made from, e.g. `table:nb201.csv#cifar10_test_top1`.
    var name: String { get }
    /// Lines worth showing beside the result (what the estimate rests on).
    var notes: [String] { get }
    /// The estimated accuracy of one architecture.
    /// - Parameters:
    ///   - encoding: its choices (validated against the space).
    ///   - arch: its canonical string.
    /// - Throws: ``SearchError`` naming the architecture when no estimate can be made.
    func accuracy(of encoding: Encoding, arch: String) throws(SearchError) -> Double
}

extension AccuracyEstimator {
    /// Default: nothing to add.
    public var notes: [String] { [] }
}

import Foundation

/// One fuzz target: a parser or endpoint fed arbitrary bytes. A target returns normally for any
/// input that gets a clear error or a result; a trap, a sanitizer report or a broken promise
/// (``FuzzFailure``) is a finding, and libFuzzer saves the input that caused it.
protocol FuzzTarget {
    /// The name `scripts/fuzz.sh` and `$VERNIER_FUZZ_TARGET` use; also the corpus folder's name.
    static var name: String { get }
    /// What the target feeds and checks, for `--list`.
    static var summary: String { get }
    /// Valid inputs to start from when the target's corpus is empty.
    static var seeds: [Data] { get }
    /// Prepares the target (stores, routers) once before the loop.
    init() throws
    /// Feeds one input.
    func run(_ data: Data)
}

/// Every target, in the order `--list` prints them.
let fuzzTargets: [FuzzTargetEntry] = [
    FuzzTargetEntry(ArchStringTarget.self), FuzzTargetEntry(CustomModelTarget.self), FuzzTargetEntry(LUTYAMLTarget.self),
    FuzzTargetEntry(MeasurementCSVTarget.self), FuzzTargetEntry(RunnerReplyTarget.self), FuzzTargetEntry(HTTPRequestTarget.self),
]

import Foundation
import VernierModel

/// Surrogate-assisted search that spends accuracy evaluations where the accuracy–latency front is
/// (the default for Pareto runs).
///
/// Latency is free next to accuracy, so only accuracy is modelled: a Gaussian process over
/// canonical encodings (``ArchKernel``, refitted after every batch) predicts each unevaluated
/// architecture's accuracy with an uncertainty, and the search evaluates the ones whose
/// **expected hypervolume improvement** over the current front is largest; with a latency budget
/// it evaluates, among the architectures that meet it, those with the largest **expected
/// improvement** over the best accuracy found.
///
/// Each round: fit the surrogate; score every candidate (every unevaluated architecture of an
/// enumerable space, else a fresh pool of random architectures and mutations of the front) with
/// an upper bound of its acquisition; compute the exact uncertainty of the best ``shortlist``;
/// pick a batch greedily, each pick added to the front at its predicted accuracy ("kriging
/// believer") so the batch spreads along it; evaluate the batch. The seed only chooses the
/// ``initial`` random architectures (and the pools of large spaces).
///
/// Without a budget the front that counts is the one above a reference point: the given one, or
/// the median accuracy of the initial random sample and the 90th-percentile latency of the space.
public struct FrontSearch: SearchStrategy {
    /// Random architectures evaluated before the surrogate takes over.
    public var initial: Int
    /// Architectures picked per round; `nil`: 10, or 1 % of the evaluations when that is more.
    public var batch: Int?
    /// Candidates whose exact uncertainty is computed each round.
    public var shortlist: Int
    /// Candidates drawn per round when the space is too large to list.
    public var poolSize: Int
    /// Evaluations the surrogate is fitted on (the first ones); later ones still shape the front.
    public var trainingCapacity: Int
    /// The hypervolume reference point the search aims at, when the user gives one.
    public var reference: ReferencePoint?

    /// Spaces up to this size are scored whole each round.
    static let enumerationLimit = 200_000
    /// Kernel weight θ of each further agreeing decision.
    static let theta = 0.5
    /// Observation noise relative to k(x, x) = 1 (0.5 against NB201's unnormalised 10.25).
    static let noise = 0.5 / 10.25
    /// Largest size of the surrogate's mean tables.
    static let tableEntryLimit = 8e6

    /// Creates the strategy.
    public init(initial: Int = 64, batch: Int? = nil, shortlist: Int = 300, poolSize: Int = 2048,
                trainingCapacity: Int = 1024, reference: ReferencePoint? = nil) {
        self.initial = max(2, initial)
        self.batch = batch.map { max(1, $0) }
        self.shortlist = max(1, shortlist)
        self.poolSize = max(16, poolSize)
        self.trainingCapacity = max(2, trainingCapacity)
        self.reference = reference
    }

    public var name: String { "front" }

    public func run(_ evaluator: Evaluator, objective: Objective, rng: inout SplitMix64) throws(SearchError) -> [String] {
        var run = FrontSearchRun(settings: self, evaluator: evaluator, objective: objective)
        return try run.search(rng: &rng)
    }
}

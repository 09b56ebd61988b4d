import Foundation
import VernierModel

/// Scores architectures for a search: accuracy from the estimator, latency from the source, each
/// architecture at most once (a cache), counting distinct evaluations against the search's limit.
///
/// Strategies only propose encodings; the evaluator decides what an evaluation costs, what happens
/// on failure (``ErrorPolicy``) and when the search is over.
public final class Evaluator {
    /// The space searched.
    public let space: any SearchSpace
    /// Accuracy estimator.
    public let accuracy: any AccuracyEstimator
    /// Latency source.
    public let latency: any LatencySource
    /// Peak activation memory, when the search tracks it (a memory budget or objective); every
    /// candidate then carries ``Candidate/memoryMB``.
    public let memory: ActivationMemory?
    /// Distinct architectures the search may evaluate (failures included).
    public let limit: Int
    /// Proposals (cache hits included) after which the search stops even below ``limit``: a
    /// converged policy that keeps proposing the same architectures ends here.
    public let proposalLimit: Int
    /// What to do when an architecture cannot be scored.
    public let onError: ErrorPolicy
    /// Called after every new evaluation.
    public var progress: ((Evaluator) -> Void)?
    /// Asked before every new evaluation (and by ``isExhausted``): once it returns `true` the
    /// evaluator counts as exhausted and ``evaluate(_:)`` returns `nil` for new encodings, so every
    /// strategy stops with what it has evaluated so far. A search cancelled from outside (the
    /// service's `DELETE /v1/search/{id}`) sets it; `nil` never stops.
    public var shouldStop: (@Sendable () -> Bool)?

    /// Successfully evaluated architectures, in evaluation order.
    public private(set) var evaluated: [Candidate] = []
    /// Architectures that failed (skipped under ``ErrorPolicy/skip``), with the reason.
    public private(set) var failures: [(arch: String, message: String)] = []
    /// Every proposal, cache hits included.
    public private(set) var proposals = 0
    /// Latency-only lookups (``latencyOf(_:)``), which do not count as evaluations.
    public private(set) var latencyQueries = 0
    private var seen: [Encoding: Int] = [:]  // index into evaluated, or -1 for a failure
    private var latencies: [Encoding: Double] = [:]

    /// Creates an evaluator.
    /// - Parameters:
    ///   - limit: distinct evaluations allowed.
    ///   - proposalLimit: proposals allowed (default 50 × `limit`).
    ///   - memory: peak activation memory of each arch, when the search tracks it.
    public init(space: any SearchSpace, accuracy: any AccuracyEstimator, latency: any LatencySource, limit: Int,
                proposalLimit: Int? = nil, onError: ErrorPolicy = .stop, memory: ActivationMemory? = nil) {
        self.space = space
        self.accuracy = accuracy
        self.latency = latency
        self.memory = memory
        self.limit = limit
        self.proposalLimit = proposalLimit ?? max(1000, 50 * limit)
        self.onError = onError
    }

    /// Distinct architectures scored or failed so far.
    public var used: Int { evaluated.count + failures.count }

    /// Whether the search must stop: the limits are reached, every architecture of the space has
    /// been tried (a limit above the space's size would otherwise keep a strategy proposing seen
    /// ones), or ``shouldStop`` says so.
    public var isExhausted: Bool {
        used >= limit || proposals >= proposalLimit || Double(used) >= space.size || isStopped
    }

    /// Whether ``shouldStop`` asks the search to stop.
    private var isStopped: Bool { shouldStop?() ?? false }

    /// Whether `encoding` was already scored (or failed).
    public func contains(_ encoding: Encoding) -> Bool { seen[encoding] != nil }

    /// The candidate of an already-evaluated encoding.
    public func cached(_ encoding: Encoding) -> Candidate? {
        guard let index = seen[encoding], index >= 0 else { return nil }
        return evaluated[index]
    }

    /// The latency of `encoding` alone — a predictor or table lookup, cheap next to an accuracy
    /// estimate — so a strategy can skip architectures over the budget before paying for their
    /// accuracy. Not counted as an evaluation; `nil` when the source has no value for it.
    public func latencyOf(_ encoding: Encoding) -> Double? {
        if let known = latencies[encoding] { return known }
        latencyQueries += 1
        guard let value = try? latency.latency(of: encoding, arch: space.format(encoding)), value.isFinite, value > 0 else { return nil }
        latencies[encoding] = value
        return value
    }

    /// Peak activation memory of `encoding`, MB, when the search tracks memory (not counted as
    /// an evaluation).
    public func memoryOf(_ encoding: Encoding) -> Double? { memory?.megabytes(encoding) }

    /// Whether `encoding` is new and predicted to meet the objective's latency and memory budgets.
    public func isPromising(_ encoding: Encoding, objective: Objective) -> Bool {
        guard !contains(encoding) else { return false }
        if objective.memoryBudgetMB != nil, !objective.meetsMemoryBudget(memoryOf(encoding)) { return false }
        guard let budgetMs = objective.budgetMs else { return true }
        return latencyOf(encoding).map { $0 <= budgetMs } ?? true
    }

    /// Scores `encoding` (from the cache when seen before).
    /// - Returns: the candidate, or `nil` when it failed and the policy is ``ErrorPolicy/skip``, or
    ///   when the encoding is new and the evaluation limit is reached or ``shouldStop`` says stop.
    /// - Throws: ``SearchError`` when it failed and the policy is ``ErrorPolicy/stop``.
    @discardableResult
    public func evaluate(_ encoding: Encoding) throws(SearchError) -> Candidate? {
        proposals += 1
        if let index = seen[encoding] { return index >= 0 ? evaluated[index] : nil }
        guard used < limit, !isStopped else { return nil }
        let arch = space.format(encoding)
        do throws(SearchError) {
            let latencyMs: Double
            if let known = latencies[encoding] { latencyMs = known } else { latencyMs = try latency.latency(of: encoding, arch: arch) }
            let score = try accuracy.accuracy(of: encoding, arch: arch)
            guard score.isFinite, latencyMs.isFinite, latencyMs > 0 else {
                throw SearchError(.estimatorFailed, "arch \(arch): accuracy \(score), latency \(latencyMs) ms is not a usable pair")
            }
            let candidate = Candidate(encoding: encoding, arch: arch, accuracy: score, latencyMs: latencyMs, index: evaluated.count,
                                      memoryMB: memoryOf(encoding))
            seen[encoding] = evaluated.count
            evaluated.append(candidate)
            progress?(self)
            return candidate
        } catch {
            guard onError == .skip else { throw error }
            seen[encoding] = -1
            failures.append((arch, error.message))
            progress?(self)
            return nil
        }
    }
}

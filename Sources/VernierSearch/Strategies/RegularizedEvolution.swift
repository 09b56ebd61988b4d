import VernierModel

/// Regularized (aging) evolution (Real et al., 2019): a population of the last P evaluated
/// architectures; each step samples S of them, mutates the best one (one decision changed) and
/// retires the oldest member.
///
/// "Best" depends on the objective: with a budget, feasible-by-accuracy before
/// infeasible-by-latency; without one, a random member of the sample's own Pareto front, so the
/// population spreads along the accuracy–latency trade-off instead of collapsing on one corner.
public struct RegularizedEvolution: SearchStrategy {
    /// Population size P.
    public var population: Int
    /// Tournament sample size S.
    public var sampleSize: Int

    /// Extra mutations tried when a child was already evaluated or, with a budget, is predicted
    /// to miss it (a latency lookup is cheap; an accuracy evaluation is what the search pays for).
    public var retries: Int

    /// Creates the strategy.
    public init(population: Int = 64, sampleSize: Int = 16, retries: Int = 32) {
        self.retries = max(0, retries)
        self.population = max(2, population)
        self.sampleSize = max(1, min(sampleSize, self.population))
    }

    public var name: String { "evolution" }

    public func run(_ evaluator: Evaluator, objective: Objective, rng: inout SplitMix64) throws(SearchError) -> [String] {
        var members: [Candidate] = []
        var attempts = 0
        while members.count < population && !evaluator.isExhausted && attempts < 100 * population {
            attempts += 1
            let encoding = evaluator.space.sample(using: &rng)
            guard evaluator.isPromising(encoding, objective: objective) || attempts > 50 * population else { continue }
            if let candidate = try evaluator.evaluate(encoding) { members.append(candidate) }
        }
        guard !members.isEmpty else { return [] }
        var mutations = 0
        var immigrants = 0
        while !evaluator.isExhausted {
            var pool = Array(members.indices)
            var sample: [Candidate] = []
            for _ in 0..<min(sampleSize, members.count) {
                sample.append(members[pool.remove(at: rng.below(pool.count))])
            }
            let parent = select(from: sample, objective: objective, rng: &rng)
            // A child seen before costs nothing but teaches nothing: try a few other mutations
            // of the same parent first, so a converged population keeps exploring.
            var child = mutate(parent.encoding, space: evaluator.space, rng: &rng)
            for _ in 0..<retries where !evaluator.isPromising(child, objective: objective) {
                child = mutate(parent.encoding, space: evaluator.space, rng: &rng)
            }
            // Every neighbour of the parent is known: a random immigrant keeps the search moving.
            for _ in 0..<retries where !evaluator.isPromising(child, objective: objective) {
                child = evaluator.space.sample(using: &rng)
                immigrants += 1
            }
            mutations += 1
            guard let candidate = try evaluator.evaluate(child) else { continue }
            members.append(candidate)
            if members.count > population { members.removeFirst() }
        }
        return ["population \(population), sample \(sampleSize), \(mutations) children, \(immigrants) random immigrants where a parent's neighbours were all known or over budget"]
    }

    /// One decision changed, then each further one with probability 1/2 (a geometric count):
    /// under a budget, gaining accuracy in one block often needs latency given back in another.
    private func mutate(_ encoding: Encoding, space: any SearchSpace, rng: inout SplitMix64) -> Encoding {
        var child = space.mutate(encoding, using: &rng)
        while rng.unit() < 0.5 { child = space.mutate(child, using: &rng) }
        return child
    }

    private func select(from sample: [Candidate], objective: Objective, rng: inout SplitMix64) -> Candidate {
        if objective.budgetMs != nil {
            return sample.min { objective.isBetter($0, than: $1) } ?? sample[0]
        }
        let front = sample.filter { candidate in !sample.contains { $0.dominates(candidate) } }
        return front[rng.below(front.count)]
    }
}

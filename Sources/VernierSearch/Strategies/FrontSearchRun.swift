import Foundation
import VernierModel

/// One run of ``FrontSearch``: the candidate pool, the surrogate and the loop.
struct FrontSearchRun {
    let settings: FrontSearch
    let evaluator: Evaluator
    let objective: Objective
    let space: any SearchSpace
    let width: Int
    /// Every admissible architecture of an enumerable space (its order breaks ties), else `nil`.
    let listed: [Encoding]?
    private var process: ArchGaussianProcess
    private var trained = 0
    private var notes: [String] = []

    /// An architecture the round may pick: its encoding, canonical choices and latency.
    struct Option {
        var encoding: Encoding
        var choices: [UInt8]
        var latencyMs: Double
        /// Peak activation memory, MB (0 when the search does not track memory).
        var memoryMB: Double
    }

    init(settings: FrontSearch, evaluator: Evaluator, objective: Objective) {
        self.settings = settings
        self.evaluator = evaluator
        self.objective = objective
        space = evaluator.space
        let counts = space.decisions.map(\.choices.count)
        width = counts.count
        var order = 3
        while order > 0 && SubsetTables.entryCount(order: order, choiceCounts: counts) > FrontSearch.tableEntryLimit { order -= 1 }
        process = ArchGaussianProcess(kernel: ArchKernel(width: width, order: order, theta: FrontSearch.theta), choiceCounts: counts,
                                      noise: FrontSearch.noise, capacity: min(settings.trainingCapacity, evaluator.limit))
        if space.size <= Double(FrontSearch.enumerationLimit), let all = space.enumerate() {
            listed = all
        } else {
            listed = nil
        }
    }

    /// The latency of `encoding` when it meets every hard constraint (latency and memory budgets).
    private func admissibleLatency(_ encoding: Encoding) -> Double? {
        guard let latency = evaluator.latencyOf(encoding) else { return nil }
        if let budget = objective.budgetMs, latency > budget { return nil }
        if objective.memoryBudgetMB != nil, !objective.meetsMemoryBudget(evaluator.memoryOf(encoding)) { return nil }
        return latency
    }

    private func option(_ encoding: Encoding) -> Option? {
        admissibleLatency(encoding).map {
            Option(encoding: encoding, choices: space.canonical(encoding).choices, latencyMs: $0, memoryMB: evaluator.memoryOf(encoding) ?? 0)
        }
    }

    /// Whether the search aims at the accuracy–latency–memory front (memory tracked, no latency budget).
    private var aimsAtMemory: Bool { evaluator.memory != nil && objective.budgetMs == nil }

    mutating func search(rng: inout SplitMix64) throws(SearchError) -> [String] {
        let fixedPool = listed.map { $0.compactMap(option) }
        if let listed, let fixedPool {
            if fixedPool.isEmpty {
                throw SearchError(.impossibleBudget, "no architecture of \(space.name) meets \(constraintText) with a known latency, so there is nothing to search")
            }
            let unknown = listed.count { evaluator.latencyOf($0) == nil }
            if unknown > 0 { notes.append("front: \(unknown) archs of \(space.name) have no latency in \(evaluator.latency.name) and are not searched") }
        }
        // A reference sample of the space's latencies for the default reference point.
        let sample = fixedPool ?? (0..<settings.poolSize).compactMap { _ in option(space.sample(using: &rng)) }
        try evaluateInitial(pool: fixedPool, rng: &rng)
        let initialAccuracies = evaluator.evaluated.map(\.accuracy)
        guard !initialAccuracies.isEmpty else { return ["front: no initial architecture could be evaluated"] }
        let median = Self.quantile(initialAccuracies, 0.5)
        let referenceLatency = settings.reference?.latencyMs ?? Self.quantile(sample.map(\.latencyMs), 0.9)
        let referenceMemory = aimsAtMemory ? settings.reference?.memoryMB ?? objective.memoryBudgetMB.map { $0 * (1 + 1e-9) } ?? Self.quantile(sample.map(\.memoryMB), 0.9) : nil
        let reference = ReferencePoint(accuracy: settings.reference?.accuracy ?? median, latencyMs: referenceLatency, memoryMB: referenceMemory)
        let transform = AccuracyTransform(observed: initialAccuracies, floor: reference.accuracy)
        let batch = settings.batch ?? max(10, evaluator.limit / 100)
        if objective.budgetMs == nil {
            let memoryText = referenceMemory.map { String(format: " and %.4g MB", $0) } ?? ""
            notes.append(String(format: "front: aims at the front above accuracy %.4g and below %.4g ms%@ (%@)", reference.accuracy, reference.latencyMs, memoryText,
                                settings.reference == nil ? "median of the initial sample, 90th percentile of the space" : "the given reference point"))
        }
        var rounds = 0
        while !evaluator.isExhausted {
            trainSurrogate(transform)
            let pool = fixedPool ?? freshPool(reference: reference, rng: &rng)
            let open = pool.filter {
                !evaluator.contains($0.encoding) && (objective.budgetMs != nil || $0.latencyMs < reference.latencyMs && $0.memoryMB < (referenceMemory ?? .infinity))
            }
            guard !open.isEmpty else {
                notes.append("front: every admissible architecture \(objective.budgetMs == nil ? "faster than the reference latency " : "")was evaluated")
                break
            }
            let picks = pickBatch(open, count: min(batch, evaluator.limit - evaluator.used), reference: reference, transform: transform)
            rounds += 1
            for pick in picks {
                if try evaluator.evaluate(pick) == nil && evaluator.isExhausted { break }
            }
        }
        notes.append("front: \(settings.initial) random, then \(rounds) rounds of \(batch) by \(objective.budgetMs == nil ? "expected hypervolume improvement" : "expected improvement under the budget"); surrogate: Gaussian process, kernel order \(process.kernel.order), fitted on \(process.count) evaluations")
        return notes
    }

    private var constraintText: String {
        var parts: [String] = []
        if let budget = objective.budgetMs { parts.append(String(format: "the %g ms budget", budget)) }
        if let memory = objective.memoryBudgetMB { parts.append(String(format: "the %g MB memory budget", memory)) }
        return parts.isEmpty ? "the search's constraints" : parts.joined(separator: " and ")
    }

    /// Evaluates ``FrontSearch/initial`` distinct random admissible architectures.
    private func evaluateInitial(pool: [Option]?, rng: inout SplitMix64) throws(SearchError) {
        if let pool {
            var indices = Array(pool.indices)
            let count = min(settings.initial, indices.count)
            for i in 0..<count {
                indices.swapAt(i, i + rng.below(indices.count - i))
                guard !evaluator.isExhausted else { return }
                try evaluator.evaluate(pool[indices[i]].encoding)
            }
            return
        }
        var attempts = 0
        var taken = 0
        while taken < settings.initial && attempts < 1000 * settings.initial && !evaluator.isExhausted {
            attempts += 1
            let encoding = space.sample(using: &rng)
            guard !evaluator.contains(encoding) else { continue }
            // An arch the latency source has no value for is evaluated anyway, so that the
            // source's error (a table without the arch) stops the search or is counted as a skip,
            // as with every other strategy, instead of the search finding nothing in silence.
            if evaluator.latencyOf(encoding) != nil, admissibleLatency(encoding) == nil { continue }
            try evaluator.evaluate(encoding)
            taken += 1
        }
    }

    /// Adds the evaluations made since the last round to the surrogate and refits it.
    private mutating func trainSurrogate(_ transform: AccuracyTransform) {
        let evaluated = evaluator.evaluated
        while trained < evaluated.count && !process.isFull {
            let candidate = evaluated[trained]
            process.add(space.canonical(candidate.encoding).choices, target: transform.forward(candidate.accuracy))
            trained += 1
        }
        process.refit()
    }

    /// Random architectures and mutations of the best evaluated ones, for spaces too large to list.
    private func freshPool(reference: ReferencePoint, rng: inout SplitMix64) -> [Option] {
        let evaluated = evaluator.evaluated
        var parents: [Candidate]
        if objective.budgetMs == nil {
            parents = ParetoFront.of(evaluated).filter { $0.latencyMs < reference.latencyMs }
        } else {
            parents = Array(evaluated.filter(objective.isFeasible).sorted { ($0.accuracy, -$0.index) > ($1.accuracy, -$1.index) }.prefix(16))
        }
        if parents.isEmpty { parents = evaluated }
        var seen = Set<Encoding>()
        var pool: [Option] = []
        for i in 0..<settings.poolSize {
            var encoding: Encoding
            if i % 2 == 0, !parents.isEmpty {
                encoding = space.mutate(parents[(i / 2) % parents.count].encoding, using: &rng)
                while rng.unit() < 0.5 { encoding = space.mutate(encoding, using: &rng) }
            } else {
                encoding = space.sample(using: &rng)
            }
            guard !evaluator.contains(encoding), seen.insert(encoding).inserted, let option = option(encoding) else { continue }
            pool.append(option)
        }
        return pool
    }

    /// Picks up to `count` of `open` greedily by the acquisition, each pick believed at its
    /// predicted accuracy.
    private func pickBatch(_ open: [Option], count: Int, reference: ReferencePoint, transform: AccuracyTransform) -> [Encoding] {
        guard count > 0 else { return [] }
        let bound = process.varianceUpperBound
        var means = [Double](repeating: 0, count: open.count)
        var bounds = [Double](repeating: 0, count: open.count)
        var staircase = Staircase(reference: reference, points: evaluator.evaluated.map { ($0.accuracy, $0.latencyMs) })
        var staircase3D = aimsAtMemory ? Staircase3D(reference: reference, ceiling: reference.memoryMB ?? .infinity,
                                                     points: evaluator.evaluated.map { ($0.accuracy, $0.latencyMs, $0.memoryMB ?? 0) }) : nil
        var best = objective.best(of: evaluator.evaluated)?.accuracy ?? -Double.infinity
        let budgeted = objective.budgetMs != nil
        func gain(_ option: Option, mean: Double, sd: Double, bound: Bool = false) -> Double {
            if budgeted { return ExpectedGain.over(best, mean: mean, sd: sd) }
            if let staircase3D {
                return bound ? staircase3D.upperBound(latencyMs: option.latencyMs, memoryMB: option.memoryMB, mean: mean, sd: sd)
                    : staircase3D.expectedImprovement(latencyMs: option.latencyMs, memoryMB: option.memoryMB, mean: mean, sd: sd)
            }
            return ExpectedGain.hypervolume(over: staircase, latencyMs: option.latencyMs, mean: mean, sd: sd)
        }
        for (i, option) in open.enumerated() {
            let latent = option.choices.withUnsafeBufferPointer { process.latentMean($0) }
            let (mean, sd) = transform.backward(latent, variance: bound)
            means[i] = mean
            bounds[i] = gain(option, mean: mean, sd: sd, bound: true)
        }
        // The shortlist: the best upper bounds (ties to the earlier candidate), in candidate order.
        let order = open.indices.sorted { (bounds[$0], -$0) > (bounds[$1], -$1) }
        let short = order.prefix(settings.shortlist).sorted()
        var features: [UInt8] = []
        features.reserveCapacity(short.count * width)
        for i in short { features += open[i].choices }
        let variances = process.predictiveVariances(features)
        var remaining = short.enumerated().map { k, i in
            (option: open[i], mean: means[i], sd: transform.backward(process.latentMean(for: open[i].choices), variance: variances[k]).sd)
        }
        var picks: [Encoding] = []
        while picks.count < count && !remaining.isEmpty {
            var top = 0
            var topGain = -Double.infinity
            for (k, entry) in remaining.enumerated() {
                let value = gain(entry.option, mean: entry.mean, sd: entry.sd)
                if value > topGain { (top, topGain) = (k, value) }
            }
            let chosen = remaining.remove(at: top)
            picks.append(chosen.option.encoding)
            if budgeted {
                best = max(best, chosen.mean)
            } else if staircase3D != nil {
                staircase3D?.insert(accuracy: chosen.mean, latencyMs: chosen.option.latencyMs, memoryMB: chosen.option.memoryMB)
            } else {
                staircase.insert(accuracy: chosen.mean, latencyMs: chosen.option.latencyMs)
            }
        }
        return picks
    }

    /// The `q`-quantile of `values` (linear interpolation, as numpy's default).
    static func quantile(_ values: [Double], _ q: Double) -> Double {
        let sorted = values.sorted()
        guard sorted.count > 1 else { return sorted.first ?? 0 }
        let position = q * Double(sorted.count - 1)
        let low = Int(position.rounded(.down))
        let high = min(low + 1, sorted.count - 1)
        return sorted[low] + (position - Double(low)) * (sorted[high] - sorted[low])
    }
}

extension ArchGaussianProcess {
    /// ``latentMean(_:)`` of an array of choices.
    func latentMean(for choices: [UInt8]) -> Double { choices.withUnsafeBufferPointer { latentMean($0) } }
}

import Foundation
import VernierModel

/// Checks made before a search spends evaluations and after it finds nothing feasible: a memory
/// budget below the space's smallest peak memory, latency and memory budgets no architecture
/// meets together, a reference point faster than every architecture. Each error names the values
/// and the best trade-off there is.
enum ConstraintCheck {
    /// Problems known before the search (spaces that can be listed are checked exactly).
    static func beforeSearch(objective: Objective, evaluator: Evaluator, reference: ReferencePoint?) -> SearchError? {
        beforeSearch(objective: objective, space: evaluator.space, latency: evaluator.latency, memory: evaluator.memory, reference: reference)
    }

    /// ``beforeSearch(objective:evaluator:reference:)`` from the search's parts.
    static func beforeSearch(objective: Objective, space: any SearchSpace, latency: any LatencySource, memory: ActivationMemory?,
                             reference: ReferencePoint?) -> SearchError? {
        if let reference, let fastest = latency.fastest(space: space), reference.latencyMs <= fastest.latencyMs {
            return SearchError(.badSpec, String(format: "--reference-point latency %g ms lies outside the data: the fastest architecture of %@, %@, takes %.4g ms, so the hypervolume would be 0",
                                                reference.latencyMs, space.name, fastest.arch, fastest.latencyMs))
        }
        guard let memoryBudget = objective.memoryBudgetMB, let memory else { return nil }
        if let smallest = memory.smallest(), smallest.megabytes > memoryBudget {
            return SearchError(.impossibleBudget, String(format: "no architecture of %@ fits in %g MB of peak activation memory: the smallest, %@, needs %.4g MB",
                                                         space.name, memoryBudget, smallest.arch, smallest.megabytes))
        }
        guard let latencyBudget = objective.budgetMs, let all = space.enumerate() else { return nil }
        var fastestWithinMemory: (encoding: Encoding, ms: Double)?
        var smallestWithinLatency: (encoding: Encoding, mb: Double)?
        for encoding in all {
            guard let ms = try? latency.latency(of: encoding, arch: space.format(encoding)) else { continue }
            let mb = memory.megabytes(encoding)
            if ms <= latencyBudget && mb <= memoryBudget { return nil }
            if mb <= memoryBudget, ms < fastestWithinMemory?.ms ?? .infinity { fastestWithinMemory = (encoding, ms) }
            if ms <= latencyBudget, mb < smallestWithinLatency?.mb ?? .infinity { smallestWithinLatency = (encoding, mb) }
        }
        return SearchError(.impossibleBudget, conflictMessage(
            count: all.count, latencyBudget: latencyBudget, memoryBudget: memoryBudget, space: space,
            fastestWithinMemory: fastestWithinMemory.map { (space.format($0.encoding), $0.ms) },
            smallestWithinLatency: smallestWithinLatency.map { (space.format($0.encoding), $0.mb) }, evaluated: false))
    }

    /// The error of a search that evaluated architectures but none met both budgets, naming the
    /// best trade-offs it found.
    static func noneFeasible(objective: Objective, evaluated: [Candidate], space: any SearchSpace) -> SearchError? {
        guard let memoryBudget = objective.memoryBudgetMB, !evaluated.isEmpty else { return nil }
        let fastest = evaluated.filter { ($0.memoryMB ?? 0) <= memoryBudget }.min { $0.latencyMs < $1.latencyMs }
        let latencyBudget = objective.budgetMs ?? .infinity
        let smallest = evaluated.filter { $0.latencyMs <= latencyBudget }.min { ($0.memoryMB ?? 0) < ($1.memoryMB ?? 0) }
        return SearchError(.impossibleBudget, conflictMessage(
            count: evaluated.count, latencyBudget: objective.budgetMs, memoryBudget: memoryBudget, space: space,
            fastestWithinMemory: fastest.map { ($0.arch, $0.latencyMs) },
            smallestWithinLatency: smallest.map { ($0.arch, $0.memoryMB ?? 0) }, evaluated: true))
    }

    private static func conflictMessage(count: Int, latencyBudget: Double?, memoryBudget: Double, space: any SearchSpace,
                                        fastestWithinMemory: (arch: String, ms: Double)?, smallestWithinLatency: (arch: String, mb: Double)?,
                                        evaluated: Bool) -> String {
        let budgets = latencyBudget.map { String(format: "%g ms and %g MB", $0, memoryBudget) } ?? String(format: "%g MB", memoryBudget)
        var text = evaluated
            ? "none of the \(count) evaluated architectures meets \(budgets)"
            : "no architecture of \(space.name) (\(count) listed) meets both \(budgets)"
        var tradeOffs: [String] = []
        if let fastestWithinMemory {
            tradeOffs.append(String(format: "the fastest within %g MB, %@, takes %.4g ms", memoryBudget, fastestWithinMemory.arch, fastestWithinMemory.ms))
        }
        if let smallestWithinLatency, let latencyBudget {
            tradeOffs.append(String(format: "the smallest within %g ms, %@, needs %.4g MB", latencyBudget, smallestWithinLatency.arch, smallestWithinLatency.mb))
        }
        if !tradeOffs.isEmpty { text += "; best trade-offs: " + tradeOffs.joined(separator: "; ") }
        return text
    }
}

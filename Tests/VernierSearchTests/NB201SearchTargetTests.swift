import Foundation
import Testing
import VernierModel
@testable import VernierSearch

/// The NB201 targets: hypervolume of 1,000 evaluations against the exhaustive front, and
/// best-under-budget at three latency percentiles, on real NAS-Bench-201 / HELP data.
@Suite(.serialized) struct NB201SearchTargetTests {
    /// Accuracy floor (chance) and the slowest arch of the table.
    static let reference = ReferencePoint(accuracy: 10, latencyMs: 36.7665)

    @Test func evolutionReachesNinetyNinePercentOfTheExhaustiveHypervolume() throws {
        let exhaustive = try NB201Fixture.search(ExhaustiveSearch(), evaluations: 20_000, seed: 1, reference: Self.reference)
        #expect(exhaustive.evaluations == 15_625)
        var evolution: [Double] = []
        var random: [Double] = []
        for seed: UInt64 in 1...5 {
            evolution.append(try NB201Fixture.search(RegularizedEvolution(), evaluations: 1000, seed: seed, reference: Self.reference).hypervolume / exhaustive.hypervolume)
            random.append(try NB201Fixture.search(RandomSearch(), evaluations: 1000, seed: seed, reference: Self.reference).hypervolume / exhaustive.hypervolume)
        }
        let meanEvolution = evolution.reduce(0, +) / 5
        let meanRandom = random.reduce(0, +) / 5
        print("NB201 pixel3 hypervolume / exhaustive, 1000 evaluations, 5 seeds: evolution \(meanEvolution) \(evolution), random \(meanRandom) \(random)")
        #expect(meanEvolution >= 0.99)
        #expect(meanEvolution > meanRandom)
    }

    @Test(arguments: [0.25, 0.5, 0.75])
    func budgetSearchFindsNearlyTheTrueBest(percentile: Double) throws {
        let latencies = NB201Fixture.latency.sortedLatencies
        let budget = latencies[Int(percentile * Double(latencies.count - 1))]
        let truth = try #require(try NB201Fixture.search(ExhaustiveSearch(), evaluations: 20_000, seed: 1, budgetMs: budget).best)
        for strategy in [RegularizedEvolution(), MnasNetSearch()] as [any SearchStrategy] {
            var gaps: [Double] = []
            for seed: UInt64 in 1...5 {
                let found = try #require(try NB201Fixture.search(strategy, evaluations: 1000, seed: seed, budgetMs: budget).best)
                #expect(found.latencyMs <= budget)
                gaps.append(truth.accuracy - found.accuracy)
            }
            let mean = gaps.reduce(0, +) / 5
            print("NB201 budget \(budget) ms (p\(Int(percentile * 100))): true best \(truth.accuracy); \(strategy.name) gap per seed \(gaps), mean \(mean)")
            if strategy.name == "evolution" { #expect(mean <= 0.3) }
        }
    }

    @Test func sameSeedSameResult() throws {
        for strategy in [RandomSearch(), RegularizedEvolution(), MnasNetSearch(), FBNetSearch()] as [any SearchStrategy] {
            let a = try NB201Fixture.search(strategy, evaluations: 300, seed: 7, budgetMs: 12)
            let b = try NB201Fixture.search(strategy, evaluations: 300, seed: 7, budgetMs: 12)
            let c = try NB201Fixture.search(strategy, evaluations: 300, seed: 8, budgetMs: 12)
            #expect(a.evaluated == b.evaluated, "\(strategy.name)")
            #expect(a.best == b.best, "\(strategy.name)")
            #expect(a.evaluated != c.evaluated, "\(strategy.name)")
        }
    }

    @Test func everyStrategyRespectsAHardBudget() throws {
        for strategy in [RandomSearch(), RegularizedEvolution(), MnasNetSearch(), FBNetSearch()] as [any SearchStrategy] {
            let result = try NB201Fixture.search(strategy, evaluations: 500, seed: 3, budgetMs: 5)
            let best = try #require(result.best)
            #expect(best.latencyMs <= 5, "\(strategy.name)")
            #expect(result.pareto.allSatisfy { candidate in !result.evaluated.contains { $0.dominates(candidate) } })
        }
    }
}

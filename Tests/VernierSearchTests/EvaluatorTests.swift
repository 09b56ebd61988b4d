import Foundation
import Testing
import VernierModel
@testable import VernierSearch

/// The evaluator's stop hook: once ``Evaluator/shouldStop`` says stop, no new architecture is
/// evaluated, the evaluator counts as exhausted and every strategy ends with what it has.
struct EvaluatorTests {
    /// The same accuracy for every architecture.
    final class FixedAccuracy: AccuracyEstimator {
        var name: String { "fixed" }
        func accuracy(of encoding: Encoding, arch: String) throws(SearchError) -> Double { 50 }
    }

    /// Latency = the arch string's length / 100 ms: deterministic and cheap.
    final class LengthLatency: LatencySource {
        var name: String { "length" }
        var choiceTable: ChoiceTable? { nil }
        func latency(of encoding: Encoding, arch: String) throws(SearchError) -> Double { Double(arch.count) / 100 }
    }

    /// A flag set on one side (a test's `progress`) and read in `shouldStop`.
    final class Flag: @unchecked Sendable {
        private let lock = NSLock()
        private var value = false
        var isSet: Bool { lock.withLock { value } }
        func set() { lock.withLock { value = true } }
    }

    static func evaluator(limit: Int) -> Evaluator {
        Evaluator(space: NB201Space(), accuracy: FixedAccuracy(), latency: LengthLatency(), limit: limit)
    }

    @Test func shouldStopRefusesNewArchitecturesButServesTheCache() throws {
        let evaluator = Self.evaluator(limit: 100)
        let stop = Flag()
        evaluator.shouldStop = { stop.isSet }
        let encodings = evaluator.space.sampleDistinct(count: 2, seed: 1)
        let first = try #require(try evaluator.evaluate(encodings[0]))
        #expect(!evaluator.isExhausted)
        stop.set()
        #expect(evaluator.isExhausted)
        #expect(try evaluator.evaluate(encodings[1]) == nil)
        #expect(try evaluator.evaluate(encodings[0])?.arch == first.arch)
        #expect(evaluator.used == 1)
    }

    @Test(arguments: ["random", "evolution", "mnasnet", "exhaustive"])
    func everyStrategyStopsWithWhatItHas(strategy: String) throws {
        let evaluator = Self.evaluator(limit: 1000)
        let stop = Flag()
        evaluator.shouldStop = { stop.isSet }
        evaluator.progress = { if $0.used >= 10 { stop.set() } }
        let result = try SearchRun.run(strategy: try Strategies.named(strategy), evaluator: evaluator,
                                       objective: Objective(budgetMs: strategy == "mnasnet" ? 1_000 : nil), seed: 1)
        #expect(result.evaluations == 10)
        #expect(result.best != nil)
    }
}

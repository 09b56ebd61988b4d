import VernierModel
import VernierTestSupport
@testable import VernierSearch

/// NB201 CIFAR-10 test accuracy and HELP's Pixel 3 latency for all 15,625 archs, loaded once.
enum NB201Fixture {
    static let space = NB201Space()
    static let accuracySpec = SharedData.url("nb201/nb201_cifar10_accuracy.csv").path + "#cifar10_test_top1"
    static let latencySpec = SharedData.url("latency/help_nb201_latency_ms.csv").path + "#pixel3"

    /// Shared tables (loading the CSVs takes a second).
    nonisolated(unsafe) static let accuracy: TableAccuracy = try! TableAccuracy(spec: accuracySpec, space: space)
    nonisolated(unsafe) static let latency: TableLatency = try! TableLatency(spec: latencySpec, space: space)

    /// Runs `strategy` on the fixture.
    static func search(_ strategy: any SearchStrategy, evaluations: Int, seed: UInt64, budgetMs: Double? = nil,
                       reference: ReferencePoint? = nil) throws -> SearchResult {
        let evaluator = Evaluator(space: space, accuracy: accuracy, latency: latency, limit: evaluations)
        return try SearchRun.run(strategy: strategy, evaluator: evaluator, objective: Objective(budgetMs: budgetMs),
                                 seed: seed, reference: reference)
    }
}

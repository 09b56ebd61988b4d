import Foundation
import Testing
import VernierTestSupport

/// `vernier search`, `surrogate` and `proxy` as a user runs them.
extension CLITests {
    static let accuracyTable = "table:" + SharedData.url("nb201/nb201_cifar10_accuracy.csv").path + "#cifar10_test_top1"
    static let latencyTable = "table:" + SharedData.url("latency/help_nb201_latency_ms.csv").path + "#pixel3"
    static let fbnetLUT = SharedData.packageRoot.appendingPathComponent("lut/amd-epyc-2t-e057f4/fbnet.json").path

    @Test func searchJSONFollowsTheContractAndWritesAPlotAndARun() throws {
        let dir = try Self.workdir()
        let result = try Self.run(["search", "--space", "nb201", "--strategy", "evolution", "--accuracy", Self.accuracyTable,
                                   "--latency", Self.latencyTable, "--budget-ms", "10", "--evaluations", "300", "--seed", "2",
                                   "--plot", "front.svg", "--json"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let best = try #require(document["best"] as? [String: Any])
        #expect((best["latency_ms"] as? Double ?? 99) <= 10)
        #expect(document["evaluations"] as? Int == 300)
        let pareto = try #require(document["pareto"] as? [[String: Any]])
        #expect(!pareto.isEmpty && pareto.allSatisfy { $0["arch"] is String && $0["accuracy"] is Double && $0["latency_ms"] is Double })
        let svg = try String(contentsOf: dir.appendingPathComponent("front.svg"), encoding: .utf8)
        #expect(svg.hasPrefix("<?xml") || svg.hasPrefix("<svg"))
        #expect(svg.contains("budget"))
        let again = try Self.run(["search", "--space", "nb201", "--strategy", "evolution", "--accuracy", Self.accuracyTable,
                                  "--latency", Self.latencyTable, "--budget-ms", "10", "--evaluations", "300", "--seed", "2", "--json"], in: dir)
        let second = try #require(try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any])
        #expect((second["best"] as? [String: Any])?["arch"] as? String == best["arch"] as? String)
        #expect(second["run_id"] as? Int == (document["run_id"] as? Int).map { $0 + 1 })
        // Stored runs are listed and shown again, whole.
        let list = try Self.run(["runs", "list", "--space", "nb201", "--json"], in: dir)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]], "\(list.stderr)")
        #expect(rows.count == 2 && rows.last?["id"] as? Int == second["run_id"] as? Int)
        #expect(rows.last?["best_arch"] as? String == best["arch"] as? String)
        let shown = try Self.run(["runs", "show", "\(second["run_id"] as? Int ?? 0)"], in: dir)
        let stored = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any], "\(shown.stderr)")
        #expect(stored["run_id"] as? Int == second["run_id"] as? Int)
        #expect((stored["best"] as? [String: Any])?["arch"] as? String == best["arch"] as? String)
        #expect((stored["pareto"] as? [Any])?.count == (second["pareto"] as? [Any])?.count)
        let missing = try Self.run(["runs", "show", "999"], in: dir)
        #expect(missing.status != 0 && missing.stderr.contains("no search run 999"))
    }

    @Test func fbnetSearchesWithTheCommittedLUTRespectTheBudget() throws {
        for strategy in ["evolution", "mnasnet", "fbnet"] {
            let result = try Self.run(["search", "--space", "fbnet", "--strategy", strategy, "--accuracy", "zero-cost:params",
                                       "--lut", Self.fbnetLUT, "--budget-ms", "8", "--evaluations", "400", "--json"])
            #expect(result.status == 0, "\(strategy): \(result.stderr)")
            let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            let best = try #require(document["best"] as? [String: Any], "\(strategy)")
            #expect((best["latency_ms"] as? Double ?? 99) <= 8, "\(strategy)")
        }
    }

    @Test func commandEstimatorFailuresStopOrAreSkipped() throws {
        let dir = try Self.workdir()
        let script = "python3 -c 'import json,sys; a=json.load(sys.stdin)[\"arch\"]; sys.exit(3) if \"none~0|+\" in a else print(len(a))'"
        let base = ["search", "--space", "nb201", "--strategy", "random", "--accuracy", "command:\(script)",
                    "--latency", Self.latencyTable, "--evaluations", "40", "--seed", "4", "--json"]
        let stopped = try Self.run(base, in: dir)
        #expect(stopped.status != 0)
        #expect(stopped.stderr.hasPrefix("error: ") && stopped.stderr.contains("exit"), "\(stopped.stderr)")
        let skipped = try Self.run(base + ["--on-error", "skip"], in: dir)
        #expect(skipped.status == 0, "\(skipped.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(skipped.stdout.utf8)) as? [String: Any])
        #expect(!(document["failures"] as? [String] ?? []).isEmpty)
        #expect(document["evaluations"] as? Int == 40)
        // A script that fails on every arch: with skip, the search still ends with an error and a count.
        let broken = ["search", "--space", "nb201", "--strategy", "random", "--accuracy", "command:python3 -c 'import sys; sys.exit(3)'",
                      "--latency", Self.latencyTable, "--evaluations", "5", "--seed", "4", "--on-error", "skip"]
        let none = try Self.run(broken, in: dir)
        #expect(none.status != 0)
        #expect(none.stderr.hasPrefix("error: all 5 evaluated architectures failed"), "\(none.stderr)")
        #expect(none.stderr.split(separator: "\n").count == 1)
    }

    @Test func surrogateFitsAndDrivesASearch() throws {
        let dir = try Self.workdir()
        let fit = try Self.run(["surrogate", "--space", "nb201", "--accuracy", Self.accuracyTable, "--train", "300", "--test", "300",
                                "--out", "s.json", "--json"], in: dir)
        #expect(fit.status == 0, "\(fit.stderr)")
        let model = try #require(try JSONSerialization.jsonObject(with: Data(fit.stdout.utf8)) as? [String: Any])
        let heldOut = try #require(model["held_out"] as? [String: Any])
        #expect((heldOut["spearman"] as? Double ?? 0) > 0.5)
        let search = try Self.run(["search", "--space", "nb201", "--strategy", "fbnet", "--accuracy", "surrogate:s.json",
                                   "--latency", Self.latencyTable, "--budget-ms", "12", "--evaluations", "300"], in: dir)
        #expect(search.status == 0, "\(search.stderr)")
        #expect(search.stdout.contains("accuracy term: the surrogate's own"))
    }

    @Test(arguments: [
        (["search", "--space", "nb201", "--strategy", "annealing", "--accuracy", "zero-cost:params", "--latency", "lut"], "unknown --strategy 'annealing'"),
        (["search", "--space", "nb201", "--accuracy", "oracle:x", "--latency", "lut"], "unknown accuracy estimator 'oracle'"),
        (["search", "--space", "nb201", "--accuracy", "zero-cost:magic", "--latency", "lut"], "unknown zero-cost proxy 'magic'"),
        (["search", "--space", "fbnet", "--accuracy", "zero-cost:params", "--latency", "lut", "--lut",
          SharedData.packageRoot.appendingPathComponent("lut/amd-epyc-2t-e057f4/fbnet.json").path, "--budget-ms", "0.5"], "the fastest"),
        (["search", "--space", "nb201", "--strategy", "mnasnet", "--accuracy", "zero-cost:params", "--latency",
          "table:" + SharedData.url("latency/help_nb201_latency_ms.csv").path + "#pixel3"], "needs --budget-ms"),
        (["search", "--space", "fbnet", "--accuracy", "zero-cost:params", "--latency",
          "table:" + SharedData.url("latency/help_fbnet_cifar100_latency_ms.csv").path + "#pixel3", "--evaluations", "5"], "has no row for arch"),
        (["search", "--space", "nb201", "--accuracy", "surrogate:/nonexistent.json", "--latency", "lut"], "cannot read surrogate"),
    ])
    func badSearchInputGivesOneErrorLine(arguments: [String], fragment: String) throws {
        try Self.expectOneErrorLine(arguments, fragment: fragment)
    }
}

/// `search --compare`, memory budgets and the front strategy from the command line.
extension CLITests {
    @Test func compareReproducesTheStrategyTable() throws {
        let result = try Self.run(["search", "--space", "nb201", "--accuracy", Self.accuracyTable, "--latency", Self.latencyTable,
                                   "--compare", "random,front", "--seeds", "2", "--evaluations", "120"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("reference point: accuracy 90.73, latency 19.22 ms"))
        #expect(result.stdout.contains("score: hypervolume / true front"))
        let rows = result.stdout.split(separator: "\n").filter { $0.hasPrefix("random ") || $0.hasPrefix("front ") }
        #expect(rows.count == 2, "\(result.stdout)")
        let json = try Self.run(["search", "--space", "nb201", "--accuracy", Self.accuracyTable, "--latency", Self.latencyTable,
                                 "--compare", "front", "--seeds", "1", "--evaluations", "100", "--budget-percentiles", "25,75", "--json"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any], "\(json.stderr)")
        let budgetRows = try #require(document["rows"] as? [[String: Any]])
        #expect(budgetRows.count == 2 && budgetRows.allSatisfy { $0["budgets_met"] as? Bool == true })
        #expect((document["true_best"] as? [Double])?.count == 2)
        let bad = try Self.run(["search", "--space", "nb201", "--accuracy", Self.accuracyTable, "--latency", Self.latencyTable,
                                "--compare", "front,annealing"])
        #expect(bad.status != 0 && bad.stderr.contains("unknown strategy 'annealing'"))
    }

    @Test func memoryBudgetsFromTheCommandLine() throws {
        let stats = try Self.run(["arch", "stats", "--space", "nb201", "--arch", "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|", "--json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [[String: Any]], "\(stats.stderr)")
        #expect(rows.first?["peak_activation_bytes"] as? Int == 327_680)
        let search = try Self.run(["search", "--space", "nb201", "--accuracy", Self.accuracyTable, "--latency", Self.latencyTable,
                                   "--memory-budget-mb", "0.2", "--budget-ms", "12", "--evaluations", "150", "--json"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(search.stdout.utf8)) as? [String: Any], "\(search.stderr)")
        let best = try #require(document["best"] as? [String: Any])
        #expect((best["peak_memory_mb"] as? Double ?? 99) <= 0.2 && (best["latency_ms"] as? Double ?? 99) <= 12)
        #expect(document["strategy"] as? String == "front")
        #expect(document["hypervolume_3d"] is Double && document["pareto_3d"] is [Any])
        let impossible = try Self.run(["search", "--space", "nb201", "--accuracy", Self.accuracyTable, "--latency", Self.latencyTable,
                                       "--memory-budget-mb", "0.001"])
        #expect(impossible.status != 0 && impossible.stderr.contains("fits in 0.001 MB") && impossible.stderr.contains("the smallest"))
    }
}

/// The README's training-script example runs as written.
extension CLITests {
    @Test func theExampleTrainingScriptDrivesASearch() throws {
        let script = SharedData.packageRoot.appendingPathComponent("examples/train.py").path
        let result = try Self.run(["search", "--space", "nb201", "--accuracy", "command:python3 \(script)", "--latency", Self.latencyTable,
                                   "--evaluations", "12", "--strategy", "random", "--json"],
                                  environment: ["NB201_ACCURACY": SharedData.url("nb201/nb201_cifar10_accuracy.csv").path])
        #expect(result.status == 0, "\(result.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(document["evaluations"] as? Int == 12)
        #expect(((document["best"] as? [String: Any])?["accuracy"] as? Double ?? 0) > 50)
    }
}

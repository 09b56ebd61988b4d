import Foundation
import Testing
import VernierModel
@testable import VernierSearch

@Suite struct CommandAccuracyTests {
    static let arch = "|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|"

    /// A persistent cache stand-in that counts lookups and stores.
    final class MemoryCache: AccuracyCache {
        var values: [String: Double] = [:]
        var stores = 0

        func cachedAccuracy(estimator: String, space: String, arch: String) -> Double? {
            values["\(estimator)|\(space)|\(arch)"]
        }

        func storeAccuracy(_ accuracy: Double, estimator: String, space: String, arch: String) {
            stores += 1
            values["\(estimator)|\(space)|\(arch)"] = accuracy
        }
    }

    /// A fresh temporary directory; the caller removes it.
    static func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vernier-command-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    static func estimator(_ command: String, timeout: Double = 30, cache: (any AccuracyCache)? = nil) throws -> CommandAccuracy {
        CommandAccuracy(command: command, space: try Spaces.named("nb201"), resolution: 32, timeoutSeconds: timeout,
                        cache: cache)
    }

    static func encoding() throws -> Encoding {
        try Spaces.named("nb201").parse(arch)
    }

    /// The error `estimator` throws for the test architecture, or `nil` when it succeeds.
    static func failure(of estimator: CommandAccuracy) throws -> SearchError? {
        let encoding = try encoding()
        do {
            _ = try estimator.accuracy(of: encoding, arch: arch)
            return nil
        } catch {
            return error
        }
    }

    @Test func plainNumberOnTheLastLine() throws {
        let estimator = try Self.estimator("echo 'epoch 1: loss 2.3'; echo; echo 93.5; echo")
        #expect(estimator.name == "command:echo 'epoch 1: loss 2.3'; echo; echo 93.5; echo")
        #expect(try estimator.accuracy(of: Self.encoding(), arch: Self.arch) == 93.5)
        #expect(estimator.notes.first == "command runs: 1, cache hits: 0, failures: 0")
    }

    @Test func jsonObjectWithAccuracyKey() throws {
        let estimator = try Self.estimator(#"echo progress; echo '{"accuracy": 71.0, "epochs": 12}'"#)
        #expect(try estimator.accuracy(of: Self.encoding(), arch: Self.arch) == 71.0)
    }

    @Test func stdinCarriesOneSortedJSONRequest() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("request.json")
        let estimator = try Self.estimator("cat > '\(file.path)'; echo 50")
        #expect(try estimator.accuracy(of: Self.encoding(), arch: Self.arch) == 50)

        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.hasPrefix(#"{"arch":"\#(Self.arch)","choices":{"#))
        #expect(text.hasSuffix("}\n"))
        #expect(text.split(separator: "\n").count == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["space"] as? String == "nb201")
        #expect(object["arch"] as? String == Self.arch)
        #expect(object["resolution"] as? Int == 32)
        let choices = try #require(object["choices"] as? [String: String])
        let space = try Spaces.named("nb201")
        #expect(choices.count == space.decisions.count)
        let encoding = try Self.encoding()
        for (index, decision) in space.decisions.enumerated() {
            #expect(choices[decision.name] == decision.choices[Int(encoding.choices[index])])
        }
    }

    @Test func commandThatIgnoresStdinStillWorks() throws {
        let estimator = try Self.estimator("exec 0<&-; echo 12")
        #expect(try estimator.accuracy(of: Self.encoding(), arch: Self.arch) == 12)
    }

    @Test func nonZeroExitNamesStatusArchCommandAndStderr() throws {
        let estimator = try Self.estimator("echo 90; echo 'CUDA out of memory' >&2; exit 3")
        let error = try #require(try Self.failure(of: estimator))
        #expect(error.code == .estimatorFailed)
        #expect(error.message.contains("exit status 3"))
        #expect(error.message.contains("CUDA out of memory"))
        #expect(error.message.contains(Self.arch))
        #expect(error.message.contains("exit 3"))
        #expect(estimator.notes.first == "command runs: 1, cache hits: 0, failures: 1")
    }

    @Test func killedBySignal() throws {
        let error = try #require(try Self.failure(of: Self.estimator("kill -9 $$")))
        #expect(error.code == .estimatorFailed)
        #expect(error.message.contains("signal 9"))
    }

    @Test func garbageLineIsQuoted() throws {
        let error = try #require(try Self.failure(of: Self.estimator("echo 93; echo hello")))
        #expect(error.code == .estimatorFailed)
        #expect(error.message.contains("\"hello\""))
        #expect(error.message.contains(Self.arch))
    }

    @Test func longGarbageIsTruncated() throws {
        let error = try #require(try Self.failure(of: Self.estimator("printf 'x%.0s' $(seq 1 500); echo")))
        #expect(error.message.contains(String(repeating: "x", count: 80) + "…"))
        #expect(!error.message.contains(String(repeating: "x", count: 81)))
    }

    @Test(arguments: ["true", "echo nan", "echo inf", #"echo '{"accuracy": "93"}'"#, #"echo '{"acc": 93}'"#])
    func unusableOutputFails(command: String) throws {
        let error = try #require(try Self.failure(of: Self.estimator(command)))
        #expect(error.code == .estimatorFailed)
    }

    @Test func nonFiniteNumberIsRejected() throws {
        let error = try #require(try Self.failure(of: Self.estimator("echo nan")))
        #expect(error.message.contains("non-finite"))
    }

    @Test func largeOutputDoesNotStall() throws {
        let estimator = try Self.estimator("yes 'log line' | head -n 200000; echo 42.25", timeout: 60)
        #expect(try estimator.accuracy(of: Self.encoding(), arch: Self.arch) == 42.25)
    }

    @Test func timeoutKillsTheCommand() throws {
        let started = Date()
        let error = try #require(try Self.failure(of: Self.estimator("sleep 30", timeout: 0.5)))
        #expect(error.code == .estimatorFailed)
        #expect(error.message.contains("timed out after 0.5 s"))
        #expect(error.message.contains(Self.arch))
        #expect(Date().timeIntervalSince(started) < 10)
    }

    @Test func timeoutKillsForkedChildrenHoldingThePipes() throws {
        let started = Date()
        let error = try #require(try Self.failure(of: Self.estimator("sleep 30 & sleep 30; echo 1", timeout: 0.5)))
        #expect(error.message.contains("timed out"))
        #expect(Date().timeIntervalSince(started) < 10)
    }

    @Test func backgroundChildLeftHoldingStdoutDoesNotBlockTheResult() throws {
        let started = Date()
        let estimator = try Self.estimator("sleep 30 & echo 64.5", timeout: 20)
        #expect(try estimator.accuracy(of: Self.encoding(), arch: Self.arch) == 64.5)
        #expect(Date().timeIntervalSince(started) < 10)
    }

    @Test func cachesSuccessesButNotFailures() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let counter = dir.appendingPathComponent("runs")
        let cache = MemoryCache()
        let command = "echo run >> '\(counter.path)'; echo 80.5"
        let encoding = try Self.encoding()
        func runs() throws -> Int {
            try String(contentsOf: counter, encoding: .utf8).split(separator: "\n").count
        }

        let first = try Self.estimator(command, cache: cache)
        #expect(try first.accuracy(of: encoding, arch: Self.arch) == 80.5)
        #expect(try first.accuracy(of: encoding, arch: Self.arch) == 80.5)
        #expect(try runs() == 1)
        #expect(cache.stores == 1)
        #expect(cache.cachedAccuracy(estimator: first.cacheKey, space: "nb201", arch: Self.arch) == 80.5)
        #expect(first.notes.first == "command runs: 1, cache hits: 1, failures: 0")

        // A new estimator (a later search) finds the result in the persistent cache.
        let second = try Self.estimator(command, cache: cache)
        #expect(try second.accuracy(of: encoding, arch: Self.arch) == 80.5)
        #expect(try runs() == 1)
        #expect(second.notes.first == "command runs: 0, cache hits: 1, failures: 0")

        // Failures are retried.
        let failing = try Self.estimator("echo run >> '\(counter.path)'; exit 1", cache: cache)
        #expect(try Self.failure(of: failing) != nil)
        #expect(try Self.failure(of: failing) != nil)
        #expect(try runs() == 3)
        #expect(cache.stores == 1)
        #expect(failing.notes.first == "command runs: 2, cache hits: 0, failures: 2")
    }
}

import Foundation
import Testing
@testable import VernierAgent
import VernierProfiler

/// The agent's async pieces: the client's retry budget, and measuring on a thread of its own.
@Suite struct AgentTests {
    struct Refused: Error {}

    @Test func clientGivesUpOnAServerThatStaysDown() async throws {
        // Port 9 (discard) on loopback: nothing listens there on a test machine.
        let client = ServiceClient(server: URL(string: "http://127.0.0.1:9")!, token: "t", retrySeconds: 0.6)
        do {
            _ = try await client.send("GET", "v1/health")
            Issue.record("a request to a closed port succeeded")
        } catch let error as ServiceClientError {
            #expect(error.message.contains("GET http://127.0.0.1:9/v1/health"))
            #expect(error.message.contains("gave up after"))
        }
    }

    @Test func measuringRunsOnItsOwnThreadAndPassesErrorsBack() async throws {
        let backend = NativeBackend(threads: 1)
        let onMain = try await MeasuringThread.run(backend: backend) { Thread.isMainThread }
        #expect(!onMain)
        #expect(try await MeasuringThread.run(backend: backend) { 6 * 7 } == 42)
        await #expect(throws: Refused.self) {
            _ = try await MeasuringThread.run(backend: backend) { () throws -> Int in throw Refused() }
        }
    }

    @Test func haltIsSeenAcrossThreads() async throws {
        let halt = HaltRequest()
        #expect(!halt.isRaised)
        let backend = NativeBackend(threads: 1)
        try await MeasuringThread.run(backend: backend) { halt.raise() }
        #expect(halt.isRaised)
    }
}

import Foundation
import VernierModel
@testable import VernierProfiler

/// Reply lines of an external runner (`--backend runner:CMD`): each input is one line answering
/// request 7. A reply that decodes must name that request, and its samples must summarise into
/// plausible statistics.
struct RunnerReplyTarget: FuzzTarget {
    static let name = "runner-reply"
    static let summary = "runner protocol reply lines (decode, ids, samples, statistics)"

    init() {}

    /// Replies with samples, with reference samples, with an error, and for another request.
    static var seeds: [Data] {
        [
            #"{"id": 7, "samples_ms": [1.25, 1.3, 1.27], "inner": 4}"#,
            #"{"id": 7, "samples_ms": [2.0, 2.1], "reference_samples_ms": [1.0, 1.1], "inner": 1}"#,
            #"{"id": 7, "error": "unsupported op"}"#,
            #"{"id": 6, "samples_ms": [0.5]}"#,
            #"{"id": null, "error": "cannot parse request"}"#,
        ].map { Data($0.utf8) }
    }

    func run(_ data: Data) {
        let line = String(decoding: data, as: UTF8.self)
        guard let reply = try? RunnerReply.decode(line: line, expectedID: 7, command: "fuzz") else { return }
        if reply.id != 7 { FuzzFailure.fail("reply for request \(String(describing: reply.id)) accepted", input: line) }
        guard let samples = try? RunnerReply.validSamples(reply.samplesMs ?? [], command: "fuzz") else { return }
        let statistics = SampleStatistics(samples)
        if !statistics.median.isFinite || statistics.median < 0 {
            FuzzFailure.fail("median \(statistics.median) from valid samples", input: line)
        }
    }
}

import Foundation
import VernierModel

/// One reply line of the runner protocol: samples or an error for the request with `id`.
struct RunnerReply: Decodable {
    /// The request's id (`null` when the runner could not read the request).
    var id: Int?
    /// Per-call latency of each sample, ms.
    var samplesMs: [Double]?
    /// Calls per sample.
    var inner: Int?
    /// What went wrong, if anything.
    var error: String?
    /// The reference's sample after each sample, when the request had a reference.
    var referenceSamplesMs: [Double]?

    enum CodingKeys: String, CodingKey {
        case id, inner, error
        case samplesMs = "samples_ms"
        case referenceSamplesMs = "reference_samples_ms"
    }

    /// Decodes the reply `line` to the request numbered `expectedID`.
    /// - Throws: ``RunnerError`` `garbage` (not a reply), `wrongID` (another request's reply) or
    ///   `failed` (the runner's own error message for this request).
    static func decode(line: String, expectedID: Int, command: String) throws(RunnerError) -> RunnerReply {
        guard let reply = try? JSONDecoder().decode(RunnerReply.self, from: Data(line.utf8)) else {
            throw RunnerError(.garbage, "runner `\(command)` replied garbage: \(RunnerBackend.quote(line))")
        }
        if let error = reply.error {
            guard reply.id == nil || reply.id == expectedID else {
                throw RunnerError(.wrongID, "runner `\(command)` answered id \(reply.id!) to request \(expectedID)")
            }
            throw RunnerError(.failed, "runner `\(command)`: \(error)")
        }
        guard reply.id == expectedID else {
            throw RunnerError(.wrongID, "runner `\(command)` answered id \(reply.id.map(String.init) ?? "null") to request \(expectedID)")
        }
        if let inner = reply.inner, !SizeLimits.innerCalls.contains(inner) {
            throw RunnerError(.garbage, "runner `\(command)` replied inner = \(inner), not in \(SizeLimits.innerCalls)")
        }
        return reply
    }

    /// `samples` when there is at least one and each is a finite, non-negative time; else `garbage`.
    static func validSamples(_ samples: [Double], command: String) throws(RunnerError) -> [Double] {
        guard !samples.isEmpty, samples.allSatisfy({ $0.isFinite && $0 >= 0 && $0 <= SizeLimits.sampleMs.upperBound }) else {
            throw RunnerError(.garbage, "runner `\(command)` replied without valid samples_ms (each finite, in \(SizeLimits.sampleMs))")
        }
        return samples
    }
}

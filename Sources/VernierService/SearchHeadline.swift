import Foundation

/// The headline of a search's result document (the `search --json` format): its best arch and
/// how many archs it evaluated, read once when the search finishes so that `GET /v1/search`
/// lists searches without decoding every result again.
struct SearchHeadline: Codable, Sendable, Equatable {
    /// The best arch found.
    struct Best: Codable, Sendable, Equatable {
        var arch: String
        var accuracy: Double
        var latencyMs: Double

        enum CodingKeys: String, CodingKey {
            case arch, accuracy
            case latencyMs = "latency_ms"
        }
    }

    /// The best arch, if the search found one (none within a hard budget, or nothing evaluated).
    var best: Best?
    /// Distinct archs evaluated.
    var evaluations: Int

    /// The headline of a result document; `nil` when it is not one (the document lacks
    /// `evaluations`).
    init?(result: Data) {
        guard let decoded = try? JSONDecoder().decode(Self.self, from: result) else { return nil }
        self = decoded
    }
}

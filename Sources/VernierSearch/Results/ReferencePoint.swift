import Foundation

/// The corner a hypervolume is measured against: the worst accuracy and latency that still count.
public struct ReferencePoint: Hashable, Sendable, Codable {
    /// Accuracy floor.
    public var accuracy: Double
    /// Latency ceiling, ms.
    public var latencyMs: Double

    /// Creates a reference point.
    public init(accuracy: Double, latencyMs: Double) {
        self.accuracy = accuracy
        self.latencyMs = latencyMs
    }

    /// Parses `ACC,MS`.
    /// - Throws: ``SearchError`` (`badSpec`) naming the text.
    public init(parsing text: String) throws(SearchError) {
        let parts = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, let accuracy = parts[0], let latency = parts[1], accuracy.isFinite, latency.isFinite, latency > 0 else {
            throw SearchError(.badSpec, "--reference-point '\(text)' must be ACCURACY,LATENCY_MS (e.g. 10,50)")
        }
        self.init(accuracy: accuracy, latencyMs: latency)
    }
}

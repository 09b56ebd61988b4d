import Foundation

/// The corner a hypervolume is measured against: the worst accuracy, latency and (for a
/// 3-objective search) peak memory that still count.
public struct ReferencePoint: Hashable, Sendable, Codable {
    /// Accuracy floor.
    public var accuracy: Double
    /// Latency ceiling, ms.
    public var latencyMs: Double
    /// Peak activation memory ceiling, MB, for 3-objective hypervolumes.
    public var memoryMB: Double?

    /// Creates a reference point.
    public init(accuracy: Double, latencyMs: Double, memoryMB: Double? = nil) {
        self.accuracy = accuracy
        self.latencyMs = latencyMs
        self.memoryMB = memoryMB
    }

    /// Parses `ACC,MS` or `ACC,MS,MB`.
    /// - Throws: ``SearchError`` (`badSpec`) naming the text.
    public init(parsing text: String) throws(SearchError) {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2 || parts.count == 3, let accuracy = parts[0], let latency = parts[1], accuracy.isFinite, latency.isFinite, latency > 0 else {
            throw SearchError(.badSpec, "--reference-point '\(text)' must be ACCURACY,LATENCY_MS[,MEMORY_MB] with a positive latency (e.g. 70,20 or 70,20,1.5)")
        }
        var memory: Double?
        if parts.count == 3 {
            guard let value = parts[2], value.isFinite, value > 0 else {
                throw SearchError(.badSpec, "--reference-point '\(text)': the memory ceiling (third value) must be a positive number of MB")
            }
            memory = value
        }
        self.init(accuracy: accuracy, latencyMs: latency, memoryMB: memory)
    }
}

import Foundation
import VernierModel
import VernierSearch

/// Predictors ready to serve, per device, space, predictor, backend and resolution: built once
/// (the LUT read from the store, additive predictors compiled to per-choice tables, so that a
/// prediction is a parse and a table sum) and dropped when the device's data changes.
final class PredictorCache: @unchecked Sendable {
    /// What a cached predictor is for.
    struct Key: Hashable {
        var device: String
        var space: String
        var predictor: String
        var backend: String
        var resolution: Int
        /// The calibration file's modification time, for `calibrated`.
        var version: Date?
    }

    private let lock = NSLock()
    private var entries: [Key: PredictorLatency] = [:]

    /// The cached predictor of `key`, or `make()`'s, cached.
    func predictor(_ key: Key, make: () async throws -> PredictorLatency) async throws -> PredictorLatency {
        if let cached = lock.withLock({ entries[key] }) { return cached }
        let made = try await make()
        lock.withLock { entries[key] = made }
        return made
    }

    /// Drops every predictor of `device` (its LUT or profile changed).
    func invalidate(device: String) {
        lock.withLock { entries = entries.filter { $0.key.device != device } }
    }
}

import Foundation

/// The distinct layers of a space at a resolution, remembered: finding them builds every covering
/// arch, which a LUT read or a predictor would otherwise repeat on every request. Holds at most
/// `capacity` (space, resolution) pairs and forgets the oldest beyond.
final class DistinctLayerMemo: @unchecked Sendable {
    static let shared = DistinctLayerMemo(capacity: 64)

    private let lock = NSLock()
    private let capacity: Int
    private var layers: [String: [LayerConfig]] = [:]
    private var order: [String] = []

    init(capacity: Int) { self.capacity = capacity }

    /// The remembered layers for `space` at `resolution`, or `compute()`'s, remembered.
    func layers(space: String, resolution: Int, compute: () -> [LayerConfig]) -> [LayerConfig] {
        let key = "\(space)@\(resolution)"
        if let known = lock.withLock({ layers[key] }) { return known }
        let computed = compute()
        lock.withLock {
            if layers.updateValue(computed, forKey: key) == nil { order.append(key) }
            while order.count > capacity { layers[order.removeFirst()] = nil }
        }
        return computed
    }
}

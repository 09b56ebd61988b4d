import VernierSearch
import VernierStore

/// The store's `accuracyCache` table as a search's ``AccuracyCache``. A cache that cannot be
/// read or written is skipped, never fatal: it only saves work.
final class StoreAccuracyCache: AccuracyCache {
    private let store: Store

    init(store: Store) { self.store = store }

    func cachedAccuracy(estimator: String, space: String, arch: String) -> Double? {
        try? store.cachedAccuracy(estimator: estimator, space: space, arch: arch)
    }

    func storeAccuracy(_ accuracy: Double, estimator: String, space: String, arch: String) {
        try? store.storeAccuracy(accuracy, estimator: estimator, space: space, arch: arch)
    }
}

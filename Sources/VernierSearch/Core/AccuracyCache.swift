/// A persistent per-architecture cache of accuracy results, so an expensive estimator (a training
/// command) never runs twice for the same architecture. The CLI backs it with the SQLite store.
public protocol AccuracyCache: AnyObject {
    /// The cached accuracy of `arch` under `estimator` in `space`, if any.
    func cachedAccuracy(estimator: String, space: String, arch: String) -> Double?
    /// Remembers the accuracy of `arch` under `estimator` in `space`.
    func storeAccuracy(_ accuracy: Double, estimator: String, space: String, arch: String)
}

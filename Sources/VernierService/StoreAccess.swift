import Dispatch
import Hummingbird
import VernierKit
import VernierModel
import VernierProfiler
import VernierStore

/// Store calls from request handlers. The store's calls are synchronous (GRDB's `DatabasePool`
/// serialises writes and may wait for a lock), so they run on a dispatch queue of their own and
/// the handler awaits them: no cooperative thread is held while the database works. A store
/// failure is a 500 naming it; an unknown device a 404.
struct StoreAccess: Sendable {
    let store: Store

    /// Where store calls run.
    private static let queue = DispatchQueue(label: "vernier.store", qos: .userInitiated, attributes: .concurrent)

    /// Runs `body` on the store queue, turning a store error into a 500 with its message.
    func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Self.queue.async {
                continuation.resume(with: Result {
                    do { return try body() } catch let error as ServiceError { throw error } catch let error as UseCaseError {
                        throw ServiceError(error)
                    } catch {
                        throw ServiceError(.internalServerError, "\(error)")
                    }
                })
            }
        }
    }

    /// The stored profile of `id`, or 404.
    func device(_ id: String) async throws -> DeviceProfile {
        try await run { [store] in try DeviceRegistry.stored(id: id, store: store) }
    }
}

import Hummingbird
import VernierKit
import VernierModel
import VernierProfiler
import VernierStore

/// Store calls from request handlers: a store failure is a 500 naming it, an unknown device a 404.
struct StoreAccess: Sendable {
    let store: Store

    /// Runs `body`, turning a store error into a 500 with its message.
    func run<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as ServiceError { throw error } catch let error as UseCaseError {
            throw ServiceError(error)
        } catch {
            throw ServiceError(.internalServerError, "\(error)")
        }
    }

    /// The stored profile of `id`, or 404.
    func device(_ id: String) throws -> DeviceProfile {
        try run { try DeviceRegistry.stored(id: id, store: store) }
    }
}

import Foundation
import VernierProfiler

/// Runs blocking measurement work off Swift's cooperative thread pool: each call gets a thread of
/// its own, prepared by the backend (the native backend pins it), and the caller awaits the result
/// without blocking a pool thread. Timing layers for seconds is blocking by nature; the agent's
/// network calls stay async around it.
enum MeasuringThread {
    /// Runs `work` on a new thread prepared by `backend` and returns its result.
    static func run<T: Sendable>(backend: any Backend, _ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                backend.prepareMeasuringThread()
                continuation.resume(with: Result { try work() })
            }
            thread.start()
        }
    }
}

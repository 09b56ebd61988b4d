import Foundation

/// A flag the agent's async side raises to end a measurement running on its own thread after the
/// current step (a lost lease, a failed upload); the measuring thread polls it.
final class HaltRequest: @unchecked Sendable {
    private let lock = NSLock()
    private var raised = false

    /// Raises the flag.
    func raise() { lock.withLock { raised = true } }

    /// Whether the flag is raised.
    var isRaised: Bool { lock.withLock { raised } }
}

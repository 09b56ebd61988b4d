import Foundation
import VernierModel

/// The agent's device profile and time base, which move together when a job finds the base was
/// measured while the machine was busy (``TimeBaseRebase``).
final class AgentState: @unchecked Sendable {
    private let lock = NSLock()
    private var storedProfile: DeviceProfile
    private var storedBase: TimeBase?

    init(profile: DeviceProfile, timeBase: TimeBase?) {
        storedProfile = profile
        storedBase = timeBase
    }

    /// The device profile.
    var profile: DeviceProfile { lock.withLock { storedProfile } }
    /// The time base entries are scaled to.
    var timeBase: TimeBase? { lock.withLock { storedBase } }

    /// Replaces the base (in the profile too).
    func move(to base: TimeBase) {
        lock.withLock {
            storedBase = base
            storedProfile.setTimeBase(base)
        }
    }
}

import VernierModel
import VernierProfiler
import VernierStore

/// What every measuring use case (profile, measure, fusion, the agent) starts from: this
/// machine's profile, a backend, the timing harness and — unless latencies are absolute — the
/// device's time base for that backend and thread count, measured once and kept in the profile.
public struct MeasuringSession: Sendable {
    /// Where results go.
    public let store: Store
    /// The device's profile (with any time base measured now).
    public var profile: DeviceProfile
    /// How layers and archs are timed.
    public let backend: any Backend
    /// Timing rules (settings with the thread count resolved).
    public let harness: Harness
    /// The time base entries are scaled to; `nil` for absolute ms.
    public private(set) var timeBase: TimeBase?
    /// Whether a time base was measured now (the profile changed and needs saving).
    public let measuredTimeBase: Bool

    /// Opens a session on device `device` (default: this machine), which must be this machine.
    /// - Parameters:
    ///   - directory: where the device's profile file is looked for.
    ///   - settings: timing settings; their thread count is replaced by `threads`, or the
    ///     device's logical CPUs when `threads` is nil.
    ///   - onTimeBase: scale to the device's time base (measuring it if none is stored).
    /// - Throws: ``UseCaseError`` for an unknown or imported device or a backend that cannot start.
    public init(store: Store, device: String?, directory: String, backend spec: BackendSpec, settings: TimingSettings,
                threads: Int?, runnerTimeout: Double, onTimeBase: Bool) throws {
        self.store = store
        var profile = try DeviceRegistry.localProfile(id: device, store: store, directory: directory)
        var settings = settings
        settings.threads = threads ?? profile.threads
        let backend = try spec.make(threads: settings.threads, runnerTimeout: runnerTimeout)
        let harness = Harness(settings: settings)
        var measured = false
        var base: TimeBase?
        if onTimeBase {
            if let stored = profile.timeBase(backend: backend.name, threads: settings.threads,
                                             referenceKey: LUTBuilder.referenceLayer.key) {
                base = stored
            } else {
                let fresh = try LUTBuilder.measureTimeBase(backend: backend, harness: harness)
                profile.setTimeBase(fresh)
                base = fresh
                measured = true
            }
        }
        self.profile = profile
        self.backend = backend
        self.harness = harness
        timeBase = base
        measuredTimeBase = measured
    }

    /// Saves the profile to the store, and to `directory/<id>.json` when a directory is given.
    public func saveProfile(directory: String?) throws {
        try DeviceRegistry.save(profile, store: store, directory: directory)
    }

    /// Re-checks a time base taken from the profile (not one measured now) before it is trusted:
    /// times the reference again briefly, and when it runs faster than the base by more than
    /// ``TimeBaseRebase/threshold`` the base was measured while the machine was busy, so it moves
    /// (``rebase(toMs:reason:)``).
    /// - Returns: the move, or `nil` when the base stands.
    public mutating func recheckTimeBase() throws -> TimeBaseMove? {
        guard let base = timeBase, !measuredTimeBase else { return nil }
        let now = try LUTBuilder.measureTimeBase(backend: backend, harness: harness, readings: 6, spacingSeconds: 0.3)
        guard let faster = TimeBaseRebase.fasterReference(now.referenceMs, than: base) else { return nil }
        return try rebase(toMs: faster, reason: String(format: "re-checked before measuring: the reference ran at %.4g ms", faster))
    }

    /// Moves the base after a build whose reference brackets ran faster than it (by more than
    /// ``TimeBaseRebase/threshold``), rescaling every entry on it, the build's included.
    /// - Returns: the move, or `nil` when the base stands.
    public mutating func checkTimeBase(after report: LUTBuildReport) throws -> TimeBaseMove? {
        guard let base = timeBase, let faster = TimeBaseRebase.fasterReference(report.fastestReferenceMs, than: base) else { return nil }
        return try rebase(toMs: faster, reason: String(format: "a build's reference brackets ran at %.4g ms", faster))
    }

    /// Moves the time base to `newMs`: every LUT entry of this device stored on the old base is
    /// multiplied by new/old in the store, and the profile's base records the move (save it with
    /// ``saveProfile(directory:)``).
    public mutating func rebase(toMs newMs: Double, reason: String) throws -> TimeBaseMove {
        guard let base = timeBase else { throw UseCaseError(.conflict, "no time base to move: latencies are absolute") }
        let count = try TimeBaseRebase.apply(store: store, device: profile.id, from: base, toMs: newMs)
        let moved = TimeBaseRebase.moved(base, toMs: newMs, reason: reason, rescaledEntries: count)
        profile.setTimeBase(moved)
        timeBase = moved
        return moved.moves!.last!
    }
}

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
    public let timeBase: TimeBase?
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
}

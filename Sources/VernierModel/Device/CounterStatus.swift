/// Whether one counter event can be read on this machine, and why not.
public struct CounterStatus: Codable, Hashable, Sendable {
    /// Event name (libpfm4 / perf name).
    public var name: String
    /// Whether it needs a hardware PMU.
    public var hardware: Bool
    /// Whether it opened.
    public var available: Bool
    /// `errno` of the failed `perf_event_open`, if that was the cause.
    public var errno: Int?
    /// Human reason when unavailable (errno name and meaning, or the libpfm4 message).
    public var reason: String?

    /// Creates a value from all its fields.
    public init(name: String, hardware: Bool, available: Bool, errno: Int? = nil, reason: String? = nil) {
        self.name = name
        self.hardware = hardware
        self.available = available
        self.errno = errno
        self.reason = reason
    }
}

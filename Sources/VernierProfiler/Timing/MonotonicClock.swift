#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Nanoseconds from the raw monotonic clock (not slewed by NTP).
public enum MonotonicClock {
    /// Current time in nanoseconds.
    @inline(__always)
    public static func nanoseconds() -> UInt64 {
        var ts = timespec()
        #if os(Linux)
        clock_gettime(CLOCK_MONOTONIC_RAW, &ts)
        #else
        clock_gettime(CLOCK_MONOTONIC, &ts)
        #endif
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }
}

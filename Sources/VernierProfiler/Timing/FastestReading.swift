import Foundation

/// The fastest of several readings taken some time apart. On a machine whose speed changes in
/// phases of seconds, readings spread over several seconds are likely to catch an uncontended one,
/// and the fastest is the machine's own speed (contention only adds time).
enum FastestReading {
    /// Takes `count` readings (at least one), `spacingSeconds` apart, and returns the one with the
    /// smallest `ms`.
    static func of<Reading>(_ count: Int, spacingSeconds: Double, ms: (Reading) -> Double,
                            _ read: () throws -> Reading) rethrows -> Reading {
        var best = try read()
        for _ in 1..<max(1, count) {
            usleep(UInt32(spacingSeconds * 1e6))
            let reading = try read()
            if ms(reading) < ms(best) { best = reading }
        }
        return best
    }
}

import VernierProfiler

/// Reads a committed LUT file into key → median ms.
enum VernierProfilerLUT {
    static func load(_ path: String) throws -> [String: Double] {
        try LUTFile.load(path: path).entries.mapValues(\.medianMs)
    }
}

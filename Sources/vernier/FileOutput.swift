import Foundation

/// Writes result files atomically (nothing half-written), creating the directory.
enum FileOutput {
    static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            var content = data
            if content.last != 0x0A { content.append(0x0A) }
            try content.write(to: url, options: .atomic)
        } catch {
            throw CLIError(.badInput, "cannot write \(path): \(error.localizedDescription)")
        }
    }
}

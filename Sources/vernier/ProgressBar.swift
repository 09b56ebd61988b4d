import Foundation

/// A one-line progress bar with ETA on stderr, drawn only when stderr is a terminal.
struct ProgressBar {
    let enabled: Bool
    let label: String

    init(label: String, disabled: Bool) {
        self.label = label
        enabled = !disabled && isatty(2) != 0
    }

    /// Redraws the bar: `done` of `total`, `seconds` elapsed for `workDone` items of real work.
    func update(done: Int, total: Int, workDone: Int, workLeft: Int, seconds: Double, detail: String) {
        guard enabled, total > 0 else { return }
        let width = 30
        let filled = min(width, width * done / total)
        let eta = workDone > 0 ? seconds / Double(workDone) * Double(workLeft) : 0
        let bar = String(repeating: "=", count: filled) + String(repeating: " ", count: width - filled)
        let line = String(format: "\r%@ [%@] %d/%d ETA %@ %@", label, bar, done, total, Self.duration(eta),
                          String(detail.prefix(60)))
        FileHandle.standardError.write(Data((line + "\u{1B}[K").utf8))
    }

    /// Ends the line.
    func finish() {
        if enabled { FileHandle.standardError.write(Data("\n".utf8)) }
    }

    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 60 ? "\(s / 60)m\(String(format: "%02d", s % 60))s" : "\(s)s"
    }
}

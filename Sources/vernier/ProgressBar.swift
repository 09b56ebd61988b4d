import Foundation

/// Progress of a long command on stderr: a one-line bar with ETA, redrawn in place, when stderr is
/// a terminal; otherwise (a log file, CI, `nohup`) a plain line every ``plainInterval`` seconds, so
/// that a 15-minute run is not silent. `--no-progress` turns both off.
final class ProgressBar {
    /// Whether anything is shown.
    let enabled: Bool
    /// What is being done.
    let label: String
    /// Whether stderr is a terminal (bar) or not (plain lines).
    private let terminal: Bool
    /// Seconds between plain lines (10; `$VERNIER_PROGRESS_SECONDS` sets another).
    static let plainInterval = ProcessInfo.processInfo.environment["VERNIER_PROGRESS_SECONDS"].flatMap(Double.init)
        .flatMap { $0.isFinite && $0 >= 0 ? $0 : nil } ?? 10
    private let started = Date()
    private var lastPlain: Date
    private var printedPlain = false
    private var last: (done: Int, total: Int)?

    init(label: String, disabled: Bool) {
        self.label = label
        enabled = !disabled
        terminal = isatty(2) != 0
        lastPlain = started
    }

    /// Shows `done` of `total`, `seconds` elapsed for `workDone` items of real work.
    func update(done: Int, total: Int, workDone: Int, workLeft: Int, seconds: Double, detail: String) {
        guard enabled, total > 0 else { return }
        last = (done, total)
        let eta = workDone > 0 ? seconds / Double(workDone) * Double(workLeft) : 0
        if terminal {
            let width = 30
            let filled = min(width, width * done / total)
            let bar = String(repeating: "=", count: filled) + String(repeating: " ", count: width - filled)
            let line = String(format: "\r%@ [%@] %d/%d ETA %@ %@", label, bar, done, total, Self.duration(eta),
                              String(detail.prefix(60)))
            FileHandle.standardError.write(Data((line + "\u{1B}[K").utf8))
            return
        }
        let now = Date()
        guard now.timeIntervalSince(lastPlain) >= Self.plainInterval else { return }
        lastPlain = now
        printedPlain = true
        FileHandle.standardError.write(Data("\(label): \(done)/\(total), \(Self.duration(now.timeIntervalSince(started))) so far, ETA \(Self.duration(eta))\n".utf8))
    }

    /// Ends the bar's line; after plain lines, says how long the whole took.
    func finish() {
        guard enabled else { return }
        if terminal {
            FileHandle.standardError.write(Data("\n".utf8))
        } else if printedPlain, let last {
            FileHandle.standardError.write(Data("\(label): \(last.done)/\(last.total) in \(Self.duration(Date().timeIntervalSince(started)))\n".utf8))
        }
    }

    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 60 ? "\(s / 60)m\(String(format: "%02d", s % 60))s" : "\(s)s"
    }
}

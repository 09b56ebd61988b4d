import Dispatch
import Foundation

/// Set once SIGINT or SIGTERM arrives, so that a long-running command can finish its step and
/// clean up (an agent returns its lease) instead of dying mid-request.
final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var set = false
    private var sources: [any DispatchSourceSignal] = []

    /// Whether a stop was requested.
    var isSet: Bool { lock.withLock { set } }

    /// Catches `signals` from now on.
    func install(signals: [Int32]) {
        for number in signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [weak self] in
                guard let self else { return }
                lock.withLock { self.set = true }
                FileHandle.standardError.write(Data("agent: stopping after the current step (signal \(number))\n".utf8))
            }
            source.resume()
            sources.append(source)
        }
    }
}

/// How a child process ended: its own exit status, or the signal that killed it.
public enum ChildExit: Hashable, Sendable, CustomStringConvertible {
    /// It exited with this status (`0` is success).
    case exited(status: Int32)
    /// It was killed by this signal number.
    case signaled(Int32)

    /// `exit status 3`, or `signal 9 (SIGKILL)`.
    public var description: String {
        switch self {
        case .exited(let status): "exit status \(status)"
        case .signaled(let number): "signal \(number) (\(ChildProcess.signalName(number)))"
        }
    }
}

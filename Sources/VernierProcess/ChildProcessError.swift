#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why starting, feeding or reading a ``ChildProcess`` failed. Callers turn these into their own
/// errors, naming the command.
public enum ChildProcessError: Error, CustomStringConvertible {
    /// The child's stdin (the ``ChildInput/data(_:)`` pipe or temporary file) could not be prepared;
    /// nothing was started.
    case cannotPrepareStdin(any Error)
    /// The executable could not be started (the error from Foundation's `Process.run()`).
    case cannotStart(any Error)
    /// The deadline passed first.
    case timedOut
    /// The child closed its stdout before a whole line came: with how it ended, or `nil` when it
    /// was still running a moment later.
    case exited(ChildExit?)
    /// A line on stdout grew past this many bytes without a newline.
    case lineTooLong(limit: Int)
    /// The child no longer reads its stdin (it exited, or closed it), or ``ChildProcess/closeStdin()``
    /// was called.
    case stdinClosed
    /// A system call (`poll`, `write`) failed with this `errno`.
    case ioFailed(operation: String, code: Int32)

    /// A one-line explanation, without the command (callers add it).
    public var description: String {
        switch self {
        case .cannotPrepareStdin(let cause): "cannot prepare the child's stdin (\(cause))"
        case .cannotStart(let cause): "cannot start the child (\(cause))"
        case .timedOut: "the child did not finish before the deadline"
        case .exited(.none): "the child closed its stdout"
        case .exited(.some(let exit)): "the child ended with \(exit)"
        case .lineTooLong(let limit): "the child wrote over \(limit) bytes without a newline"
        case .stdinClosed: "the child's stdin is closed"
        case .ioFailed(let operation, let code): "\(operation) failed: \(String(cString: strerror(code)))"
        }
    }
}

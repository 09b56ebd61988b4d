import Foundation

/// What a ``ChildProcess`` reads on its stdin.
public enum ChildInput: Sendable {
    /// These bytes, then end of file. They are in place before the child starts (a pipe already
    /// holding them, or an unlinked temporary file when they would not fit in a pipe buffer), so a
    /// child that never reads its stdin can neither block nor `SIGPIPE` the caller.
    case data(Data)
    /// A pipe the caller writes with ``ChildProcess/writeToStdin(_:until:)`` and closes with
    /// ``ChildProcess/closeStdin()``. Starting such a child makes the whole process ignore
    /// `SIGPIPE`, so a child that went away is an error on write rather than a signal that kills
    /// the caller.
    case pipe
}

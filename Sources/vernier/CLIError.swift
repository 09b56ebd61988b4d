/// A command-line level error (bad file, bad combination of options) with a one-line message.
struct CLIError: Error, CustomStringConvertible {
    /// What went wrong.
    enum Code: String {
        case badInput
        case unreadableFile
        case unsupported
    }

    let code: Code
    let message: String

    init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    var description: String { message }
}

import VernierModel

extension ArchSelection {
    /// Parses each selected arch (not for `custom`) and calls `body` with its text and encoding,
    /// streaming the archs file; an invalid arch is an error naming its origin.
    func forEachEncoding(in searchSpace: any SearchSpace, _ body: (_ text: String, _ encoding: Encoding) throws -> Void) throws {
        try forEachText { text, origin in
            let encoding: Encoding
            do { encoding = try searchSpace.parseOrNamed(text) } catch { throw CLIError(.badInput, "\(origin()): \(error)") }
            try body(text, encoding)
        }
    }
}

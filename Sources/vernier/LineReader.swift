import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads a text file one line at a time without holding the whole file: a byte-order mark at the
/// start and the CR of CRLF line ends are dropped, and invalid UTF-8 is replaced, not trusted.
enum LineReader {
    /// Calls `body` with each line and its 1-based number.
    /// - Throws: ``CLIError`` (`unreadableFile`) when the file cannot be opened; whatever `body` throws.
    static func forEachLine(path: String, what: String, _ body: (_ line: Substring, _ number: Int) throws -> Void) throws {
        guard let file = fopen(path, "r") else {
            throw CLIError(.unreadableFile, "cannot read \(what) \(path): \(String(cString: strerror(errno)))")
        }
        defer { fclose(file) }
        var buffer: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(buffer) }
        var number = 0
        while true {
            let length = getline(&buffer, &capacity, file)
            guard length >= 0, let buffer else { break }
            number += 1
            var bytes = UnsafeRawBufferPointer(start: buffer, count: length).bindMemory(to: UInt8.self)
            if number == 1, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = UnsafeBufferPointer(rebasing: bytes.dropFirst(3)) }
            while let last = bytes.last, last == UInt8(ascii: "\n") || last == UInt8(ascii: "\r") {
                bytes = UnsafeBufferPointer(rebasing: bytes.dropLast())
            }
            try body(Substring(String(decoding: bytes, as: UTF8.self)), number)
        }
        if ferror(file) != 0 { throw CLIError(.unreadableFile, "error reading \(what) \(path) after line \(number)") }
    }
}

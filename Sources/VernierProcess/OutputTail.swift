import Foundation

/// The last bytes of a child's output stream, and the unread bytes that
/// ``ChildProcess/readLine(maxBytes:until:)`` takes lines from.
///
/// Memory stays bounded however much the child prints: once more than twice ``limit`` bytes are
/// held, all but the last ``limit`` are dropped.
public struct OutputTail: Sendable {
    /// How many of the last bytes are always kept (and shown by ``text``).
    public let limit: Int
    /// The bytes held: the last ``limit`` bytes at least, at most twice as many.
    public private(set) var bytes: [UInt8] = []

    /// An empty tail keeping the last `limit` bytes.
    public init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// How many bytes are held.
    public var count: Int { bytes.count }

    /// Whether nothing is held.
    public var isEmpty: Bool { bytes.isEmpty }

    /// The last ``limit`` bytes, decoded as UTF-8 (invalid sequences replaced).
    public var text: String { String(decoding: bytes.suffix(limit), as: UTF8.self) }

    /// Appends a chunk of output, dropping the oldest bytes when more than twice ``limit`` are held.
    public mutating func append(_ chunk: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: chunk)
        trim()
    }

    /// Appends bytes of output, dropping the oldest bytes when more than twice ``limit`` are held.
    public mutating func append(contentsOf chunk: some Sequence<UInt8>) {
        bytes.append(contentsOf: chunk)
        trim()
    }

    /// The index of the first newline byte at or after `start`, or `nil` if none is held.
    public func newlineIndex(searchingFrom start: Int = 0) -> Int? {
        let from = max(0, start)
        guard from < bytes.count else { return nil }
        return bytes[from...].firstIndex(of: 0x0A)
    }

    /// Removes the bytes up to and including the newline at `newline` (from
    /// ``newlineIndex(searchingFrom:)``) and returns those before it, decoded as UTF-8.
    public mutating func removeLine(endingAt newline: Int) -> String {
        let end = min(max(newline, 0), bytes.count - 1)
        guard end >= 0 else { return "" }
        let line = String(decoding: bytes[..<end], as: UTF8.self)
        bytes.removeSubrange(...end)
        return line
    }

    /// The last `count` non-empty lines of ``text`` (each trimmed of surrounding spaces), joined
    /// with ` | `: the summary error messages quote.
    /// - Parameters:
    ///   - count: how many lines, at most.
    ///   - maxCharacters: when given, a longer summary keeps its last `maxCharacters` characters
    ///     after a leading `…`.
    public func lastLines(_ count: Int, maxCharacters: Int? = nil) -> String {
        let lines = text.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        let joined = lines.suffix(count).joined(separator: " | ")
        guard let maxCharacters, joined.count > maxCharacters else { return joined }
        return "…" + String(joined.suffix(maxCharacters))
    }

    private mutating func trim() {
        if bytes.count > 2 * limit { bytes.removeFirst(bytes.count - limit) }
    }
}

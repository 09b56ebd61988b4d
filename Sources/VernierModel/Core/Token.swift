/// A piece of an arch string with its 1-based character position, for error messages.
public struct Token: Sendable {
    /// The text of the piece.
    public var text: Substring
    /// 1-based character offset of the piece in the whole string.
    public var position: Int

    /// Splits `text` on the ASCII `separator`, keeping empty pieces and their positions.
    /// Works on the UTF-8 view (no grapheme breaking); positions count characters.
    public static func split(_ text: Substring, on separator: Character, startingAt offset: Int = 1) -> [Token] {
        let byte = separator.asciiValue!
        var tokens: [Token] = []
        let utf8 = text.utf8
        var start = utf8.startIndex
        var piecePosition = offset
        var index = utf8.startIndex
        var position = offset
        while index < utf8.endIndex {
            let value = utf8[index]
            if value == byte {
                tokens.append(Token(text: text[start..<index], position: piecePosition))
                start = utf8.index(after: index)
                piecePosition = position + 1
            }
            // Count characters by their first byte (continuation bytes are 10xxxxxx).
            if value & 0xC0 != 0x80 { position += 1 }
            index = utf8.index(after: index)
        }
        tokens.append(Token(text: text[start..<utf8.endIndex], position: piecePosition))
        return tokens
    }

    /// `character N ('text')`, for error locations.
    public var location: String { "character \(position)" }

    /// Resolves this token as a choice of `decision`, or throws naming position and allowed values.
    public func choice(of decision: Decision, space: String) throws(ArchError) -> UInt8 {
        guard let index = decision.index(of: text) else {
            throw ArchError(.unknownChoice, value: String(text), location: "\(location) (\(space) \(decision.name))",
                            allowed: decision.choices.joined(separator: ", "))
        }
        return index
    }
}

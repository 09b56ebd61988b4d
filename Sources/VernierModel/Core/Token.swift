/// A piece of an arch string with its 1-based character position, for error messages.
public struct Token: Sendable {
    /// The text of the piece.
    public var text: Substring
    /// 1-based character offset of the piece in the whole string.
    public var position: Int

    /// Splits `text` on `separator`, keeping empty pieces and their positions.
    public static func split(_ text: Substring, on separator: Character, startingAt offset: Int = 1) -> [Token] {
        var tokens: [Token] = []
        var start = text.startIndex
        var position = offset
        var piecePosition = offset
        var index = text.startIndex
        while index < text.endIndex {
            if text[index] == separator {
                tokens.append(Token(text: text[start..<index], position: piecePosition))
                start = text.index(after: index)
                piecePosition = position + 1
            }
            position += 1
            index = text.index(after: index)
        }
        tokens.append(Token(text: text[start..<text.endIndex], position: piecePosition))
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

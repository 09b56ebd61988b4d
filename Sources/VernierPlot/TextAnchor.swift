/// Which point of a text its position names (SVG `text-anchor`).
public enum TextAnchor: String, Sendable, Hashable {
    /// The position is the text's start (it runs to the right).
    case start
    /// The position is the text's middle.
    case middle
    /// The position is the text's end (it runs to the left).
    case end
}

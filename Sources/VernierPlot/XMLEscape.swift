/// Escaping of text for XML character data and attribute values.
public enum XMLEscape {
    /// `text` with XML's special characters (`& < > " '`) escaped and the characters XML 1.0
    /// forbids (C0 controls other than tab, newline and carriage return, U+FFFE, U+FFFF)
    /// replaced by U+FFFD, so that the result is safe both as element text and inside a quoted
    /// attribute value.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                let value = scalar.value
                if value < 0x20 || value == 0xFFFE || value == 0xFFFF {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}

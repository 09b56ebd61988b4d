/// A standalone SVG document under construction: the root element (with `role="img"`, an
/// `aria-label`, a `<title>` and a `<desc>` for screen readers and browsers), a white background
/// and the chart's heading, then whatever markup is appended.
public struct SVGDocument: Sendable {
    /// Canvas width, pixels.
    public let width: Double
    /// Canvas height, pixels.
    public let height: Double
    /// The document title: `<title>`, `aria-label` and the heading drawn at the top.
    public let title: String
    /// A longer text alternative: `<desc>`.
    public let description: String
    /// Markup after the heading.
    private var body = ""

    /// Creates a document whose heading is `title` (centred, bold) and, when given, `subtitle`
    /// under it (smaller, grey).
    public init(width: Double, height: Double, title: String, description: String, subtitle: String? = nil) {
        self.width = width
        self.height = height
        self.title = title
        self.description = description
        let c = PlotNumber.coordinate
        body += "<text class=\"heading\" x=\"\(c(width / 2))\" y=\"30\" text-anchor=\"middle\" font-size=\"17\" font-weight=\"bold\">"
        body += "\(XMLEscape.escape(title))</text>\n"
        if let subtitle {
            body += "<text class=\"subtitle\" x=\"\(c(width / 2))\" y=\"50\" text-anchor=\"middle\" fill=\"\(Palette.text)\">"
            body += "\(XMLEscape.escape(subtitle))</text>\n"
        }
    }

    /// Creates a document of the size of `area`'s canvas.
    public init(area: PlotArea, title: String, description: String, subtitle: String? = nil) {
        self.init(width: area.width, height: area.height, title: title, description: description, subtitle: subtitle)
    }

    /// Reserves room for about `characters` more characters of markup.
    public mutating func reserveCapacity(_ characters: Int) {
        body.reserveCapacity(body.utf8.count + characters)
    }

    /// Appends raw markup (the caller escapes any text in it, with ``XMLEscape``).
    public mutating func append(_ markup: String) {
        body += markup
    }

    /// The whole document.
    public func rendered() -> String {
        let w = PlotNumber.coordinate(width), h = PlotNumber.coordinate(height)
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out.reserveCapacity(body.utf8.count + 600)
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(w)\" height=\"\(h)\" viewBox=\"0 0 \(w) \(h)\""
        out += " role=\"img\" aria-label=\"\(XMLEscape.escape(title))\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">\n"
        out += "<title>\(XMLEscape.escape(title))</title>\n"
        out += "<desc>\(XMLEscape.escape(description))</desc>\n"
        out += "<rect width=\"100%\" height=\"100%\" fill=\"\(Palette.background)\"/>\n"
        out += body
        out += "</svg>\n"
        return out
    }
}

import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// An element of a parsed SVG (or any XML) document, for tests: its name, attributes, children
/// and text. ``parse(_:)`` reads a document with Foundation's `XMLParser`, so a document that is
/// not well-formed XML fails the parse.
public final class SVGNode {
    /// The element name (`svg`, `g`, `circle`…).
    public let name: String
    /// The attributes by name.
    public let attributes: [String: String]
    /// Child elements, in document order.
    public fileprivate(set) var children: [SVGNode] = []
    /// The element's own character data (entities decoded), without its children's.
    public fileprivate(set) var ownText = ""

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    /// The tokens of the `class` attribute.
    public var classes: Set<String> {
        Set((attributes["class"] ?? "").split(separator: " ").map(String.init))
    }

    /// The element's text and all its descendants', in document order.
    public var text: String {
        ownText + children.map(\.text).joined()
    }

    /// This element and every descendant, in document order.
    public var all: [SVGNode] {
        [self] + children.flatMap(\.all)
    }

    /// Elements under this one (itself included) named `name`, and when given carrying the
    /// class token `token`.
    public func elements(named name: String, class token: String? = nil) -> [SVGNode] {
        all.filter { $0.name == name && (token == nil || $0.classes.contains(token!)) }
    }

    /// The first element (itself included) named `name` with class token `token`, if any.
    public func first(named name: String, class token: String? = nil) -> SVGNode? {
        elements(named: name, class: token).first
    }

    /// Why a document could not be parsed.
    public struct ParseFailure: Error, CustomStringConvertible {
        /// The parser's message.
        public let description: String
    }

    /// The root element of `xml`.
    /// - Throws: ``ParseFailure`` when the text is not well-formed XML.
    public static func parse(_ xml: String) throws -> SVGNode {
        let builder = TreeBuilder()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.shouldProcessNamespaces = false
        parser.delegate = builder
        let parsed = parser.parse()
        guard parsed, builder.failure == nil, let root = builder.root else {
            throw ParseFailure(description: builder.failure ?? parser.parserError.map { "\($0)" } ?? "no root element")
        }
        return root
    }

    /// Builds the tree from the parser's events.
    private final class TreeBuilder: NSObject, XMLParserDelegate {
        var root: SVGNode?
        var stack: [SVGNode] = []
        var failure: String?

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            let node = SVGNode(name: elementName, attributes: attributeDict)
            if let parent = stack.last { parent.children.append(node) } else if root == nil { root = node }
            stack.append(node)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            _ = stack.popLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last?.ownText += string
        }

        func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
            failure = "\(parseError)"
        }
    }
}

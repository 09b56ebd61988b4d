import Foundation

/// The shape of a point marker. Shapes tell series apart without colour; `size` is the marker's
/// half-extent in pixels (a circle's radius; the other filled shapes are scaled to about the
/// same area).
public enum MarkerShape: String, Sendable, Hashable, CaseIterable {
    /// A filled circle.
    case circle
    /// A filled square.
    case square
    /// A filled diamond (a square on its corner).
    case diamond
    /// A filled triangle pointing up.
    case triangle
    /// An × drawn with strokes.
    case cross
    /// A filled five-pointed star.
    case star

    /// Whether the shape is drawn by its outline (stroke colour) rather than filled.
    public var isStroked: Bool { self == .cross }

    /// The marker centred at (`x`, `y`) as one SVG element (`<circle>` or `<path>`), with the raw
    /// `attributes` (e.g. `fill="#1f5fbf"`) added and, when given, a `<title>` tooltip (escaped here).
    public func markup(x: Double, y: Double, size: Double, attributes: String = "", tooltip: String? = nil) -> String {
        let c = PlotNumber.coordinate
        let extra = attributes.isEmpty ? "" : " " + attributes
        let tag: String
        let open: String
        if self == .circle {
            tag = "circle"
            open = "<circle cx=\"\(c(x))\" cy=\"\(c(y))\" r=\"\(c(size))\"\(extra)"
        } else {
            tag = "path"
            open = "<path d=\"\(path(x: x, y: y, size: size))\"\(extra)"
        }
        guard let tooltip else { return open + "/>" }
        return open + "><title>\(XMLEscape.escape(tooltip))</title></\(tag)>"
    }

    /// The outline of the shape centred at (`x`, `y`) as SVG path data (a circle as two arcs).
    public func path(x: Double, y: Double, size: Double) -> String {
        let c = PlotNumber.coordinate
        switch self {
        case .circle:
            return "M\(c(x - size)),\(c(y))a\(c(size)),\(c(size)) 0 1,0 \(c(2 * size)),0a\(c(size)),\(c(size)) 0 1,0 \(c(-2 * size)),0Z"
        case .square:
            let half = size * 0.9
            return "M\(c(x - half)),\(c(y - half))H\(c(x + half))V\(c(y + half))H\(c(x - half))Z"
        case .diamond:
            let r = size * 1.25
            return "M\(c(x)),\(c(y - r))L\(c(x + r)),\(c(y))L\(c(x)),\(c(y + r))L\(c(x - r)),\(c(y))Z"
        case .triangle:
            let r = size * 1.3
            return "M\(c(x)),\(c(y - r))L\(c(x + r * 0.866)),\(c(y + r * 0.5))L\(c(x - r * 0.866)),\(c(y + r * 0.5))Z"
        case .cross:
            return "M\(c(x - size)),\(c(y - size))L\(c(x + size)),\(c(y + size))M\(c(x - size)),\(c(y + size))L\(c(x + size)),\(c(y - size))"
        case .star:
            return Self.starPath(x: x, y: y, radius: size)
        }
    }

    /// A five-pointed star centred at (`x`, `y`) with outer radius `radius` (inner 0.45 of it), point up.
    public static func starPath(x: Double, y: Double, radius: Double) -> String {
        let c = PlotNumber.coordinate
        var d = ""
        for k in 0..<10 {
            let r = k % 2 == 0 ? radius : radius * 0.45
            let angle = Double.pi / 5 * Double(k) - Double.pi / 2
            d += (k == 0 ? "M" : "L") + c(x + r * cos(angle)) + "," + c(y + r * sin(angle))
        }
        return d + "Z"
    }
}

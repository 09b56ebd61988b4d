import VernierModel

/// What a runner receives to build a whole network (`kind: "arch"`), and what
/// `vernier arch export --format layers-json` writes: the input shape and the nodes in execution
/// order, each with its layer config and the indices of the nodes it reads (−1: the image).
public struct ArchitectureSpec: Codable, Hashable, Sendable {
    /// Format tag, `vernier-layers-1`.
    public var format: String
    /// Space of the arch.
    public var space: String
    /// Canonical arch string.
    public var arch: String
    /// Input resolution.
    public var resolution: Int
    /// Input image shape.
    public var input: Shape
    /// Nodes in execution order; the last one's output is the network's.
    public var nodes: [Node]

    /// The format tag of this version.
    public static let currentFormat = "vernier-layers-1"

    /// The spec of `architecture`.
    public init(_ architecture: Architecture) {
        format = Self.currentFormat
        space = architecture.space
        arch = architecture.text
        resolution = architecture.input.height
        input = architecture.input
        nodes = architecture.nodes
    }
}

/// A layer placed in a network graph: its config and the tensors it consumes.
public struct Node: Hashable, Sendable, Codable {
    /// Index of the network input in ``inputs``.
    public static let networkInput = -1

    /// The layer.
    public var layer: LayerConfig
    /// Indices of the nodes whose outputs this node consumes (``networkInput`` for the image).
    public var inputs: [Int]

    /// Creates a node.
    public init(layer: LayerConfig, inputs: [Int]) {
        self.layer = layer
        self.inputs = inputs
    }
}

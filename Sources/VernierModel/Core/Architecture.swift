/// A whole network at one input resolution: layers in execution order, each naming its inputs,
/// so residual edges and multi-input sums are explicit. The last node's output is the network's.
public struct Architecture: Hashable, Sendable {
    /// Space the architecture belongs to (`nb201`, `fbnet`, …, or `custom`).
    public var space: String
    /// Canonical arch string (or the custom model's name).
    public var text: String
    /// Shape of the input image.
    public var input: Shape
    /// Nodes in execution order.
    public var nodes: [Node]

    /// Creates an architecture.
    public init(space: String, text: String, input: Shape, nodes: [Node]) {
        self.space = space
        self.text = text
        self.input = input
        self.nodes = nodes
    }

    /// The layer configs in execution order.
    public var layers: [LayerConfig] { nodes.map(\.layer) }

    /// Total cost: the sum of every layer's cost.
    public var cost: Cost {
        var total = Cost.zero
        for node in nodes { total += node.layer.cost }
        return total
    }

    /// Shape of the network output.
    public var output: Shape { nodes.last?.layer.output ?? input }
}

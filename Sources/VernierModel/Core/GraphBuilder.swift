/// Builds an ``Architecture`` layer by layer, tracking the current tensor so that sequential
/// layers need no explicit wiring.
public struct GraphBuilder: Sendable {
    /// The nodes added so far.
    public private(set) var nodes: [Node] = []
    /// Index of the node producing the current tensor (``Node/networkInput`` at the start).
    public private(set) var current: Int = Node.networkInput
    /// Shape of the current tensor.
    public private(set) var shape: Shape
    private let input: Shape

    /// Starts a graph on an input of shape `input`.
    public init(input: Shape) {
        self.input = input
        self.shape = input
    }

    /// Shape produced by node `index` (or the network input).
    public func shape(of index: Int) -> Shape {
        index == Node.networkInput ? input : nodes[index].layer.output
    }

    /// Appends `layer` fed by `inputs` (default: the current tensor) and makes it current.
    /// - Returns: the new node's index.
    @discardableResult
    public mutating func append(_ layer: LayerConfig, inputs: [Int]? = nil) -> Int {
        nodes.append(Node(layer: layer, inputs: inputs ?? [current]))
        current = nodes.count - 1
        shape = layer.output
        return current
    }

    /// Makes node `index` the current tensor without adding a layer (an identity edge).
    public mutating func moveTo(_ index: Int) {
        current = index
        shape = shape(of: index)
    }

    /// Finishes the graph.
    public func build(space: String, text: String) -> Architecture {
        Architecture(space: space, text: text, input: input, nodes: nodes)
    }
}

import VernierModel

/// What a runner receives to build one layer: its key and its config (`kind: "op"`).
public struct LayerSpec: Codable, Hashable, Sendable {
    /// Layer key (``VernierModel/LayerConfig/key``).
    public var key: String
    /// The layer.
    public var layer: LayerConfig

    /// The spec of `layer`.
    public init(_ layer: LayerConfig) {
        key = layer.key
        self.layer = layer
    }
}

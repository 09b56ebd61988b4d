extension Architecture {
    /// Bytes of one float32 activation element.
    public static let bytesPerElement = 4

    /// Peak activation memory of one batch-1 float32 inference, bytes: the largest total of
    /// tensors alive at once when the nodes run in execution order and each tensor is freed right
    /// after its last consumer has run.
    ///
    /// At node *i* the live set is the network input (until its last use), every earlier output
    /// still to be read by node *i* or a later node, node *i*'s own output and its workspace
    /// (``LayerConfig/workspaceElements``). Nodes an optimising runtime removes
    /// (``effectiveNodes``) allocate nothing. The output of the last node stays alive to the end.
    /// A network with no node left (a constant output) holds its input and output.
    public var peakActivationBytes: Int {
        let count = nodes.count
        guard count > 0 else { return input.elements * Self.bytesPerElement }
        let live = effectiveNodes
        // A network whose output is constant folds to that constant: the caller's input and the
        // output buffer are all that is left.
        guard live.contains(true) else { return (input.elements + output.elements) * Self.bytesPerElement }
        // lastUse[k + 1]: the last node reading tensor k (k = -1 is the network input).
        var lastUse = [Int](repeating: -1, count: count + 1)
        for (i, node) in nodes.enumerated() where live[i] {
            for input in node.inputs where input == Node.networkInput || live[input] { lastUse[input + 1] = i }
        }
        lastUse[count] = count  // the network output is never freed
        var allocated = lastUse[0] >= 0 ? input.elements : 0
        var peak = allocated
        for (i, node) in nodes.enumerated() where live[i] {
            let produced = node.layer.output.elements
            peak = max(peak, allocated + produced + node.layer.workspaceElements)
            allocated += produced
            if lastUse[i + 1] < 0 { allocated -= produced }  // nobody reads it: freed at once
            // Free every tensor whose last reader was this node.
            if lastUse[0] == i { allocated -= input.elements }
            for input in Set(node.inputs) where input != Node.networkInput && lastUse[input + 1] == i {
                allocated -= nodes[input].layer.output.elements
            }
        }
        return peak * Self.bytesPerElement
    }

    /// Bytes of the weights (float32), as ``Cost/weightBytes``.
    public var weightBytes: Int { cost.weightBytes }
}

extension LayerConfig {
    /// Elements of the intermediate tensors a layer holds besides its input and output while it
    /// runs: an inverted-residual block (``OpKind/mbconv``) keeps its expanded tensor and the
    /// depthwise output alive together (the expansion is skipped when the ratio is 1); every
    /// other op works from its input to its output directly.
    public var workspaceElements: Int {
        guard op == .mbconv, midChannels > 0 else { return 0 }
        let expanded = expansion > 1 ? input.pixels * midChannels : 0
        return expanded + output.pixels * midChannels
    }
}

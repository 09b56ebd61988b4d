extension Architecture {
    /// Which nodes an optimising runtime would still execute: those whose output reaches the
    /// network output and is not a constant. A `zero` node is constant, and so is every node
    /// fed only by constants (a convolution of zeros folds to its bias); a sum with at least one
    /// live input is live. Inference compilers (TFLite, TVM, ONNX Runtime) remove the rest by
    /// dead-code elimination and constant folding, which is why NAS-Bench-201 archs with a dead
    /// cell output run in almost no time on phones.
    public var effectiveNodes: [Bool] {
        let count = nodes.count
        var constant = [Bool](repeating: false, count: count)
        for (i, node) in nodes.enumerated() {
            constant[i] = node.layer.op == .zero
                || (!node.inputs.isEmpty && node.inputs.allSatisfy { $0 != Node.networkInput && constant[$0] })
        }
        var reaches = [Bool](repeating: false, count: count)
        if count > 0 { reaches[count - 1] = true }
        for i in stride(from: count - 1, through: 0, by: -1) where reaches[i] {
            for input in nodes[i].inputs where input != Node.networkInput { reaches[input] = true }
        }
        return (0..<count).map { reaches[$0] && !constant[$0] }
    }
}

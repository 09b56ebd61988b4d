extension LayerConfig {
    /// The readable lookup-table key:
    /// `<op>-input:HxWxC-output:HxWxC-k:K-s:S-e:E[-g:G][-se:R][-act:A][-pre:1][-res:1][-n:N][-p:P][-mid:M]`.
    /// Optional parts appear only when they differ from the default, so the key names every
    /// property that changes the work done. `se:R` gives the reduced SE width.
    public var key: String {
        var key = "\(op.rawValue)-input:\(input)-output:\(output)-k:\(kernel)-s:\(stride)-e:\(expansion)"
        if groups != 1 && op != .dwconv { key += "-g:\(groups)" }
        if seChannels > 0 { key += "-se:\(seChannels)" + (seGate == .sigmoid ? "" : "-gate:\(seGate.rawValue)") }
        if activation != .none { key += "-act:\(activation.rawValue)" }
        if preActivation { key += "-pre:1" }
        if residual { key += "-res:1" }
        if inputs != 1 { key += "-n:\(inputs)" }
        if padding != kernel / 2 { key += "-p:\(padding)" }
        if op == .mbconv && midChannels != input.channels * expansion { key += "-mid:\(midChannels)" }
        if (op == .conv || op == .fc) && bias { key += "-bias:1" }
        if op == .conv && !batchNorm { key += "-bn:0" }
        return key
    }
}

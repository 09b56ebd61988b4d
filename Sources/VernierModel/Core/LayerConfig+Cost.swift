extension LayerConfig {
    /// MACs, params and activation bytes of this layer. Exact under the counting rules of ``Cost``.
    public var cost: Cost {
        let bnParams = batchNorm ? 2 : 0
        let cin = input.channels
        let cout = output.channels
        let area = kernel * kernel
        switch op {
        case .conv:
            let weights = cout * (cin / groups) * area
            let se = LayerConfig.squeezeExciteCost(channels: cout, reduced: seChannels)
            return Cost(
                macs: output.pixels * weights + se.macs,
                params: weights + (bias ? cout : 0) + bnParams * cout + se.params,
                activationBytes: 4 * (input.elements + output.elements))
        case .dwconv:
            return Cost(
                macs: output.pixels * cin * area, params: cin * area + bnParams * cin + (bias ? cin : 0),
                activationBytes: 4 * (input.elements + output.elements))
        case .mbconv:
            let mid = midChannels
            let se = LayerConfig.squeezeExciteCost(channels: mid, reduced: seChannels)
            let hasExpansion = expansion > 1 || mid != cin
            let expand = hasExpansion ? input.pixels * mid * (cin / groups) : 0
            let depthwise = output.pixels * mid * area
            let project = output.pixels * cout * (mid / groups)
            return Cost(
                macs: expand + depthwise + project + se.macs,
                params: (hasExpansion ? mid * (cin / groups) + 2 * mid : 0) + mid * area + 2 * mid
                    + cout * (mid / groups) + 2 * cout + se.params,
                activationBytes: 4 * (input.elements + (hasExpansion ? input.pixels * mid : 0) + output.pixels * mid
                    + output.elements))
        case .fc:
            let weights = input.elements * cout
            return Cost(macs: weights, params: weights + (bias ? cout : 0),
                        activationBytes: 4 * (input.elements + output.elements))
        case .se:
            let se = LayerConfig.squeezeExciteCost(channels: cin, reduced: seChannels)
            return Cost(macs: se.macs, params: se.params, activationBytes: 4 * (input.elements + output.elements))
        case .bn:
            return Cost(params: 2 * cin, activationBytes: 4 * (input.elements + output.elements))
        case .add:
            return Cost(activationBytes: 4 * (inputs + 1) * output.elements)
        case .zero:
            return Cost(activationBytes: 4 * output.elements)
        case .avgpool, .maxpool, .globalpool, .shuffle, .act:
            return Cost(activationBytes: 4 * (input.elements + output.elements))
        }
    }

    /// Cost of a squeeze-and-excitation branch on `channels` with a `reduced` bottleneck:
    /// two 1×1 convolutions with biases on the pooled vector.
    static func squeezeExciteCost(channels: Int, reduced: Int) -> Cost {
        guard reduced > 0 else { return .zero }
        return Cost(macs: 2 * channels * reduced, params: 2 * channels * reduced + reduced + channels)
    }
}

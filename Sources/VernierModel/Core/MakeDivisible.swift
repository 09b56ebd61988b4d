/// Rounds `value` to the nearest multiple of `divisor` (at least `minimum`, default `divisor`),
/// never going more than 10 % below `value`. The rule used by MobileNetV2/V3, MnasNet and OFA.
public func makeDivisible(_ value: Double, _ divisor: Int = 8, minimum: Int? = nil) -> Int {
    let floor = minimum ?? divisor
    var rounded = max(floor, Int(value + Double(divisor) / 2) / divisor * divisor)
    if Double(rounded) < 0.9 * value { rounded += divisor }
    return rounded
}

/// An architecture of a categorical search space as one choice index per decision. This is the
/// form searches, samplers and fast predictors work on; ``SearchSpace/format(_:)`` turns it into
/// the canonical string.
public struct Encoding: Hashable, Sendable, Codable {
    /// `choices[i]` indexes ``Decision/choices`` of the space's `i`-th decision.
    public var choices: [UInt8]

    /// Creates an encoding.
    public init(_ choices: [UInt8]) { self.choices = choices }
}

/// One categorical decision of a search space, e.g. "block 3" with nine block choices.
public struct Decision: Hashable, Sendable, Codable {
    /// Readable name ("edge 2<-1", "block 7", "ks 12").
    public var name: String
    /// The allowed choices, as they appear in the canonical string.
    public var choices: [String]

    /// Creates a decision.
    public init(name: String, choices: [String]) {
        self.name = name
        self.choices = choices
    }

    /// Index of `token` among the choices, if allowed.
    public func index(of token: Substring) -> UInt8? {
        choices.firstIndex { $0 == token }.map { UInt8($0) }
    }
}

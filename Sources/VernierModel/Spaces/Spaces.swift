/// The registry of search spaces by name.
public enum Spaces {
    /// Every built-in categorical space.
    public static let all: [any SearchSpace] = [NB201Space(), FBNetSpace(), MnasNetSpace(), OFAMobileNetV3Space()]

    /// The names accepted by `--space`, including `custom`.
    public static var names: [String] { all.map(\.name) + ["custom"] }

    /// The space called `name`, or an error listing the allowed names. `custom` is not a
    /// categorical space; use ``CustomModel``.
    public static func named(_ name: String) throws(ArchError) -> any SearchSpace {
        guard let space = all.first(where: { $0.name == name }) else {
            throw ArchError(.unknownSpace, value: name, location: "--space", allowed: all.map(\.name).joined(separator: ", "))
        }
        return space
    }
}

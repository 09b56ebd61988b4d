/// The search strategies by name.
public enum Strategies {
    /// Names accepted by `--strategy`.
    public static let names = ["front", "random", "evolution", "mnasnet", "fbnet", "exhaustive"]

    /// The strategy called `name` with its default settings.
    /// - Throws: ``SearchError`` (`badSpec`) listing the allowed names.
    /// - Parameter reference: the hypervolume reference point `front` aims at, when given.
    public static func named(_ name: String, reference: ReferencePoint? = nil) throws(SearchError) -> any SearchStrategy {
        switch name {
        case "front": FrontSearch(reference: reference)
        case "random": RandomSearch()
        case "evolution": RegularizedEvolution()
        case "mnasnet": MnasNetSearch()
        case "fbnet": FBNetSearch()
        case "exhaustive": ExhaustiveSearch()
        default: throw SearchError(.badSpec, "unknown --strategy '\(name)'; allowed: \(names.joined(separator: ", "))")
        }
    }
}

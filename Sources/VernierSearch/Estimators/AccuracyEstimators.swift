import VernierModel

/// Builds accuracy estimators from `--accuracy` specs.
public enum AccuracyEstimators {
    /// The spec forms, for help and errors.
    public static let forms = "table:CSV[#COL], zero-cost:\(ZeroCostProxy.allCases.map(\.rawValue).joined(separator: "|")), surrogate:FILE, command:CMD"

    /// The estimator of `spec` for `space`.
    /// - Parameters:
    ///   - resolution: input resolution (zero-cost passes, command input).
    ///   - timeoutSeconds: limit per `command:` run.
    ///   - cache: persistent cache for `command:` results.
    /// - Throws: ``SearchError`` (`badSpec`) naming the spec and the allowed forms.
    public static func make(spec: String, space: any SearchSpace, resolution: Int, timeoutSeconds: Double = 3600,
                            cache: (any AccuracyCache)? = nil) throws(SearchError) -> any AccuracyEstimator {
        guard let colon = spec.firstIndex(of: ":") else {
            throw SearchError(.badSpec, "--accuracy '\(spec)' has no kind; allowed: \(forms)")
        }
        let kind = String(spec[..<colon])
        let argument = String(spec[spec.index(after: colon)...])
        guard !argument.isEmpty else {
            throw SearchError(.badSpec, "--accuracy '\(spec)' is missing its argument after '\(kind):'; allowed: \(forms)")
        }
        switch kind {
        case "table":
            return try TableAccuracy(spec: argument, space: space)
        case "zero-cost":
            guard let proxy = ZeroCostProxy(rawValue: argument) else {
                throw SearchError(.badSpec, "unknown zero-cost proxy '\(argument)'; allowed: \(ZeroCostProxy.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return ZeroCostAccuracy(proxy: proxy, space: space, resolution: resolution)
        case "surrogate":
            return try SurrogateAccuracy(path: argument, space: space)
        case "command":
            return CommandAccuracy(command: argument, space: space, resolution: resolution, timeoutSeconds: timeoutSeconds, cache: cache)
        default:
            throw SearchError(.badSpec, "unknown accuracy estimator '\(kind)' in --accuracy '\(spec)'; allowed: \(forms)")
        }
    }
}

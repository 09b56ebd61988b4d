import Foundation
import VernierModel
import VernierPredict

/// A fitted accuracy regressor (`surrogate:FILE`): a one-hot linear model over the space's
/// decisions, fitted to sampled evaluations of another estimator (usually a table of trained
/// results). Linear in the choices, so FBNet's relaxation can differentiate it exactly.
public struct SurrogateModel: Codable, Sendable {
    /// File format tag.
    public static let formatTag = "vernier-surrogate-1"

    /// Held-out quality of the fit.
    public struct Report: Codable, Hashable, Sendable {
        /// Held-out architectures.
        public var n: Int
        /// Spearman ρ between prediction and target.
        public var spearman: Double
        /// Kendall τ-b.
        public var kendall: Double
        /// Mean absolute error, the target's unit.
        public var mae: Double
    }

    /// ``formatTag``.
    public var format: String
    /// Space name.
    public var space: String
    /// The estimator spec it was fitted to.
    public var target: String
    /// Model kind (`one-hot-linear`).
    public var kind: String
    /// Training architectures.
    public var trainCount: Int
    /// Sampling seed.
    public var seed: UInt64
    /// The model.
    public var table: ChoiceTable
    /// Quality on architectures not used for fitting.
    public var heldOut: Report?

    /// Samples `train + test` distinct architectures, scores them with `estimator`, fits on the
    /// first `train` and reports on the rest.
    /// - Throws: ``SearchError`` from the estimator, or when the fit fails.
    public static func fit(space: any SearchSpace, estimator: any AccuracyEstimator, train: Int, test: Int,
                           seed: UInt64) throws(SearchError) -> SurrogateModel {
        var rows: [(encoding: Encoding, value: Double)] = []
        for encoding in space.sampleDistinct(count: train + test, seed: seed) {
            rows.append((encoding, try estimator.accuracy(of: encoding, arch: space.format(encoding))))
        }
        let training = Array(rows.prefix(train))
        let table = try ChoiceTable.fit(space: space, samples: training)
        let testing = rows.dropFirst(train)
        var report: Report?
        if testing.count >= 3 {
            let predicted = testing.map { table.value($0.encoding) }
            let actual = testing.map(\.value)
            let mae = zip(predicted, actual).reduce(0) { $0 + abs($1.0 - $1.1) } / Double(testing.count)
            report = Report(n: testing.count, spearman: RankCorrelation.spearman(predicted, actual),
                            kendall: RankCorrelation.kendall(predicted, actual), mae: mae)
        }
        return SurrogateModel(format: formatTag, space: space.name, target: estimator.name, kind: "one-hot-linear",
                              trainCount: training.count, seed: seed, table: table, heldOut: report)
    }

    /// Reads a surrogate file and checks it is one, for `space`.
    /// - Throws: ``SearchError`` (`badSurrogate`) naming the file and the problem.
    public static func load(path: String, space: any SearchSpace) throws(SearchError) -> SurrogateModel {
        let model: SurrogateModel
        do {
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            model = try decoder.decode(SurrogateModel.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw SearchError(.badSurrogate, "cannot read surrogate \(path): \(error.localizedDescription)")
        }
        guard model.format == formatTag else {
            throw SearchError(.badSurrogate, "\(path) is not a Vernier surrogate (format '\(model.format)', expected \(formatTag))")
        }
        guard model.space == space.name else {
            throw SearchError(.badSurrogate, "\(path) is a surrogate for space \(model.space), not \(space.name)")
        }
        let sizes = space.decisions.map(\.choices.count)
        guard model.table.weights.map(\.count) == sizes else {
            throw SearchError(.badSurrogate, "\(path) has weights for \(model.table.weights.count) decisions that do not match space \(space.name)")
        }
        return model
    }

    /// The file's JSON (pretty, sorted keys).
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return try encoder.encode(self)
    }
}

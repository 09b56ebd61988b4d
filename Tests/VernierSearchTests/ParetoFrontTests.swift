import Foundation
import Testing
import VernierModel
@testable import VernierSearch

struct ParetoFrontTests {
    static func point(_ accuracy: Double, _ latency: Double, _ index: Int) -> Candidate {
        Candidate(encoding: Encoding([UInt8(index)]), arch: "a\(index)", accuracy: accuracy, latencyMs: latency, index: index)
    }

    @Test func frontDropsDominatedPointsAndHypervolumeIsTheStaircaseArea() {
        let points = [Self.point(50, 2, 0), Self.point(80, 5, 1), Self.point(70, 6, 2), Self.point(90, 8, 3), Self.point(40, 1, 4)]
        let front = ParetoFront.of(points)
        #expect(front.map(\.index) == [4, 0, 1, 3])
        // (40−0)·(2−1) + (50−0)·(5−2) + (80−0)·(8−5) + (90−0)·(10−8) = 40 + 150 + 240 + 180
        #expect(ParetoFront.hypervolume(points, reference: ReferencePoint(accuracy: 0, latencyMs: 10)) == 610)
        // Points outside the box do not count.
        #expect(ParetoFront.hypervolume(points, reference: ReferencePoint(accuracy: 60, latencyMs: 7)) == 20 * 2)
    }

    @Test func referencePointParsing() throws {
        #expect(try ReferencePoint(parsing: "10,36.5") == ReferencePoint(accuracy: 10, latencyMs: 36.5))
        #expect(throws: SearchError.self) { try ReferencePoint(parsing: "10") }
        #expect(throws: SearchError.self) { try ReferencePoint(parsing: "a,b") }
    }

    @Test func logDeterminantMatchesAKnownMatrix() {
        var matrix: [Double] = [4, 2, 2, 3]  // det 8
        #expect(abs(ZeroCostAccuracy.logAbsDeterminant(&matrix, n: 2) - Foundation.log(8.0)) < 1e-12)
        var singular: [Double] = [1, 2, 2, 4]
        #expect(ZeroCostAccuracy.logAbsDeterminant(&singular, n: 2) == -.infinity)
    }

    @Test func zeroCostProxiesRankARealCellAboveACutOffOne() throws {
        let space = NB201Space()
        let good = try space.parse("|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|")
        let cut = try space.parse("|none~0|+|none~0|none~1|+|none~0|none~1|none~2|")
        for proxy in [ZeroCostProxy.naswot, .zen] {
            let estimator = ZeroCostAccuracy(proxy: proxy, space: space, resolution: 32, batchSize: 8)
            let real = try estimator.accuracy(of: good, arch: space.format(good))
            #expect(real.isFinite && real > ZeroCostAccuracy.degenerateScore, "\(proxy)")
            #expect(try estimator.accuracy(of: cut, arch: space.format(cut)) == ZeroCostAccuracy.degenerateScore, "\(proxy)")
            #expect(try estimator.accuracy(of: good, arch: space.format(good)) == real, "\(proxy) is deterministic")
        }
    }

    @Test func surrogateForAnotherSpaceIsRefused() throws {
        let model = try SurrogateModel.fit(space: NB201Space(), estimator: ZeroCostAccuracy(proxy: .params, space: NB201Space(), resolution: 32),
                                           train: 60, test: 20, seed: 1)
        #expect((model.heldOut?.spearman ?? 0) > 0.9)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("surrogate-\(UUID().uuidString).json").path
        try model.json().write(to: URL(fileURLWithPath: path))
        #expect(try SurrogateAccuracy(path: path, space: NB201Space()).model.table == model.table)
        #expect(throws: SearchError.self) { try SurrogateAccuracy(path: path, space: FBNetSpace()) }
    }
}

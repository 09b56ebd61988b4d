import Foundation
import Testing
import VernierModel
@testable import VernierSearch

/// The 3-objective front and hypervolume against brute force, and the expected improvements of
/// ``FrontSearch`` against Monte Carlo.
@Suite struct HypervolumeTests {
    static func point(_ accuracy: Double, _ latency: Double, _ memory: Double, _ index: Int) -> Candidate {
        Candidate(encoding: Encoding([UInt8(index % 256)]), arch: "a\(index)", accuracy: accuracy, latencyMs: latency, index: index, memoryMB: memory)
    }

    /// Random points on a coarse grid (so ties happen).
    static func randomPoints(_ count: Int, seed: UInt64) -> [Candidate] {
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { i in point(Double(rng.below(10)), Double(1 + rng.below(10)), Double(1 + rng.below(6)), i) }
    }

    /// The dominated volume by cells: every cell of the grid the coordinates span is in or out.
    static func bruteForceVolume(_ points: [Candidate], reference: ReferencePoint, ceiling: Double) -> Double {
        let accuracies = Array(Set(points.map(\.accuracy).filter { $0 > reference.accuracy } + [reference.accuracy])).sorted()
        let latencies = Array(Set(points.map(\.latencyMs).filter { $0 < reference.latencyMs } + [reference.latencyMs])).sorted()
        let memories = Array(Set(points.compactMap(\.memoryMB).filter { $0 < ceiling } + [ceiling])).sorted()
        var volume = 0.0
        for a in 0..<(accuracies.count - 1) {
            for l in 0..<(latencies.count - 1) {
                for m in 0..<(memories.count - 1) {
                    let covered = points.contains {
                        $0.accuracy >= accuracies[a + 1] && $0.latencyMs <= latencies[l] && ($0.memoryMB ?? 0) <= memories[m]
                    }
                    if covered {
                        volume += (accuracies[a + 1] - accuracies[a]) * (latencies[l + 1] - latencies[l]) * (memories[m + 1] - memories[m])
                    }
                }
            }
        }
        return volume
    }

    @Test(arguments: 1...30)
    func threeObjectiveHypervolumeMatchesBruteForce(seed: Int) {
        let points = Self.randomPoints(3 + seed % 9, seed: UInt64(seed))
        let reference = ReferencePoint(accuracy: 1, latencyMs: 9.5)
        let fast = ParetoFront3D.hypervolume(points, reference: reference, memoryMB: 5.5)
        let slow = Self.bruteForceVolume(points, reference: reference, ceiling: 5.5)
        #expect(abs(fast - slow) < 1e-9 * max(1, slow), "seed \(seed): \(fast) vs \(slow)")
        // The front keeps exactly the non-dominated points (one of each equal group).
        let front = ParetoFront3D.of(points)
        #expect(points.allSatisfy { p in front.contains { $0 == p || $0.dominates3D(p) || $0.isEqual3D(p) } })
        #expect(front.allSatisfy { f in !points.contains { $0.dominates3D(f) } })
    }

    @Test func oneMemoryLevelIsTheTwoDimensionalVolumeTimesItsDepth() {
        let points = [Self.point(50, 2, 1, 0), Self.point(80, 5, 1, 1), Self.point(90, 8, 1, 2)]
        let reference = ReferencePoint(accuracy: 0, latencyMs: 10)
        #expect(ParetoFront3D.hypervolume(points, reference: reference, memoryMB: 4) == 3 * ParetoFront.hypervolume(points, reference: reference))
    }

    @Test(arguments: 1...20)
    func staircaseInsertionKeepsTheFront(seed: Int) {
        let points = Self.randomPoints(25, seed: UInt64(100 + seed))
        let reference = ReferencePoint(accuracy: 2, latencyMs: 9)
        var staircase = Staircase(reference: reference)
        for p in points { staircase.insert(accuracy: p.accuracy, latencyMs: p.latencyMs) }
        let expected = ParetoFront.of(points).filter { $0.accuracy > 2 && $0.latencyMs < 9 }
        #expect(staircase.latencies == expected.map(\.latencyMs))
        #expect(staircase.accuracies == expected.map(\.accuracy))
    }

    /// E[HV(front ∪ {x}) − HV(front)] with x's accuracy ~ N(mean, sd²), by sampling.
    static func monteCarloImprovement(_ front: [Candidate], latency: Double, memory: Double?, mean: Double, sd: Double,
                                      reference: ReferencePoint, ceiling: Double?, samples: Int, seed: UInt64) -> (mean: Double, error: Double) {
        var rng = SplitMix64(seed: seed)
        func volume(_ points: [Candidate]) -> Double {
            ceiling.map { ParetoFront3D.hypervolume(points, reference: reference, memoryMB: $0) } ?? ParetoFront.hypervolume(points, reference: reference)
        }
        let base = volume(front)
        var sum = 0.0
        var squares = 0.0
        for _ in 0..<samples {
            // Box–Muller.
            let u = max(rng.unit(), 1e-300)
            let z = (-2 * Foundation.log(u)).squareRoot() * cos(2 * .pi * rng.unit())
            let gain = volume(front + [point(mean + sd * z, latency, memory ?? 0, 999)]) - base
            sum += gain
            squares += gain * gain
        }
        let average = sum / Double(samples)
        return (average, ((squares / Double(samples) - average * average) / Double(samples)).squareRoot())
    }

    @Test(arguments: [(latency: 3.0, memory: 2.0, mean: 70.0, sd: 5.0), (4.5, 1.5, 82.0, 2.0), (1.5, 3.5, 60.0, 8.0), (7.0, 1.0, 88.0, 1.0)])
    func expectedImprovementsMatchMonteCarlo(case value: (latency: Double, memory: Double, mean: Double, sd: Double)) {
        let front = [Self.point(65, 2, 3, 0), Self.point(75, 4, 2, 1), Self.point(85, 6, 1, 2), Self.point(90, 8, 4, 3)]
        let reference = ReferencePoint(accuracy: 50, latencyMs: 10)
        let staircase = Staircase(reference: reference, points: front.map { ($0.accuracy, $0.latencyMs) })
        let twoD = ExpectedGain.hypervolume(over: staircase, latencyMs: value.latency, mean: value.mean, sd: value.sd)
        let sampled2D = Self.monteCarloImprovement(front, latency: value.latency, memory: nil, mean: value.mean, sd: value.sd,
                                                   reference: reference, ceiling: nil, samples: 20_000, seed: 1)
        #expect(abs(twoD - sampled2D.mean) <= 4 * sampled2D.error + 1e-9, "2-D: \(twoD) vs \(sampled2D)")
        let cube = Staircase3D(reference: reference, ceiling: 5, points: front.map { ($0.accuracy, $0.latencyMs, $0.memoryMB ?? 0) })
        let threeD = cube.expectedImprovement(latencyMs: value.latency, memoryMB: value.memory, mean: value.mean, sd: value.sd)
        let sampled3D = Self.monteCarloImprovement(front, latency: value.latency, memory: value.memory, mean: value.mean, sd: value.sd,
                                                   reference: reference, ceiling: 5, samples: 20_000, seed: 2)
        #expect(abs(threeD - sampled3D.mean) <= 4 * sampled3D.error + 1e-9, "3-D: \(threeD) vs \(sampled3D)")
        #expect(cube.upperBound(latencyMs: value.latency, memoryMB: value.memory, mean: value.mean, sd: value.sd) >= threeD - 1e-12)
        // Without uncertainty the improvement is the exact one.
        let exact = ParetoFront.hypervolume(front + [Self.point(value.mean, value.latency, 0, 9)], reference: reference)
            - ParetoFront.hypervolume(front, reference: reference)
        #expect(abs(ExpectedGain.hypervolume(over: staircase, latencyMs: value.latency, mean: value.mean, sd: 0) - exact) < 1e-9)
    }
}

import Benchmark
import VernierModel

/// Cost-model throughput: parse + build + cost of sampled FBNet archs, and the whole NB201 space.
nonisolated(unsafe) let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .throughput, .mallocCountTotal], maxDuration: .seconds(10), maxIterations: 20)

    let fbnet = FBNetSpace()
    let fbnetTexts = fbnet.sample(count: 1_000_000, seed: 1).map(fbnet.format)
    Benchmark("fbnet parse+cost 1M archs", configuration: .init(scalingFactor: .mega)) { benchmark in
        var total = 0
        for text in fbnetTexts {
            total &+= fbnet.architecture(try fbnet.parse(text), resolution: 224).cost.macs
        }
        blackHole(total)
    }

    let nb201 = NB201Space()
    let nb201Texts = nb201.enumerate()!.map(nb201.format)
    Benchmark("nb201 parse+cost all 15,625 archs", configuration: .init(scalingFactor: .kilo)) { benchmark in
        var total = 0
        for text in nb201Texts { total &+= nb201.architecture(try nb201.parse(text), resolution: 32).cost.params }
        blackHole(total)
    }
}

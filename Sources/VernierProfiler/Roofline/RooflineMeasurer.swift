import CKernels
import Foundation
import VernierKernels
import VernierModel

/// Measures roofline parameters: FMA peak (one core, all cores), achieved sgemm, and a triad
/// bandwidth sweep whose plateaus give L1/L2/L3/DRAM bandwidth (best of N per point).
public enum RooflineMeasurer {
    /// Measures on this machine with `threads` threads; `repeats` is best-of-N for every point.
    public static func measure(profile: DeviceProfile, threads: Int, repeats: Int = 5) -> Roofline {
        let peakOne = bestRate(repeats: repeats) { vk_fma_peak_kernel($0) }
        let peakAll = bestRate(repeats: repeats) { vk_fma_peak_parallel($0, Int32(threads)) }
        vk_set_threads(Int32(threads))
        let (m, n, k) = (512, 1024, 512)
        let gemm = LayerConfig.conv(input: Shape(height: 32, width: 32, channels: k), cout: m, kernel: 1, batchNorm: false)
        let native = NativeLayer(gemm)
        let input = FloatBuffer(count: gemm.input.elements, seed: 3)
        let output = FloatBuffer(count: gemm.output.elements)
        let harness = Harness(settings: TimingSettings(minSampleMs: 20, repetitions: repeats, threads: threads))
        let gemmMs = withExtendedLifetime((input, output)) {
            harness.measure { native.run(inputs: [UnsafePointer(input.pointer)], output: output.pointer) }.samplesMs.min()!
        }
        let sgemm = 2.0 * Double(m * n * k) / (gemmMs / 1e3) / 1e9
        // Per-core sweep on the calling thread (no thread start-up in small working sets), then
        // DRAM with every thread.
        let sweep = bandwidthSweep(threads: 1, repeats: repeats, from: 1024, to: 32 << 20)
        var levels = bandwidthLevels(sweep: sweep, caches: profile.caches)
        if threads > 1, let all = bandwidthSweep(threads: threads, repeats: repeats, from: 32 << 20, to: 32 << 20).first {
            levels["DRAM all threads"] = all.gbPerSecond
        }
        let theoretical = profile.theoreticalPeakFlopsPerCore.map { $0 / 1e9 }
        let dram = levels["DRAM all threads"] ?? levels["DRAM"] ?? sweep.last?.gbPerSecond ?? 1
        return Roofline(
            peakGflopsOneCore: peakOne / 1e9, peakGflopsAllCores: peakAll / 1e9, sgemmGflops: sgemm,
            sgemmShape: "\(m)x\(n)x\(k)", theoreticalGflopsOneCore: theoretical,
            peakEfficiency: theoretical.map { peakOne / 1e9 / $0 }, peakInstructionSet: String(cString: vk_fma_peak_isa()),
            bandwidthGBs: levels, sweep: sweep,
            ridgeFlopsPerByte: peakAll / 1e9 / dram, threads: threads)
    }

    /// Best FLOP/s of `kernel(iterations)` (which returns FLOPs), with iterations sized to ~30 ms.
    static func bestRate(repeats: Int, _ kernel: (Int) -> Double) -> Double {
        var iterations = 1 << 16
        while true {
            let start = MonotonicClock.nanoseconds()
            _ = kernel(iterations)
            if Double(MonotonicClock.nanoseconds() - start) / 1e6 > 30 || iterations > 1 << 30 { break }
            iterations *= 2
        }
        var best = 0.0
        for _ in 0..<repeats {
            let start = MonotonicClock.nanoseconds()
            let flops = kernel(iterations)
            best = max(best, flops / (Double(MonotonicClock.nanoseconds() - start) / 1e9))
        }
        return best
    }

    /// Triad `a = b + s·c` over `from`…`to` elements per array, doubling (three arrays, 12 bytes
    /// per element, STREAM counting), best of `repeats`, each sample at least 5 ms.
    static func bandwidthSweep(threads: Int, repeats: Int, from: Int, to maxElements: Int) -> [BandwidthPoint] {
        let a = FloatBuffer(count: maxElements, seed: 1)
        let b = FloatBuffer(count: maxElements, seed: 2)
        let c = FloatBuffer(count: maxElements, seed: 3)
        var points: [BandwidthPoint] = []
        var elements = from
        while elements <= maxElements {
            let harness = Harness(settings: TimingSettings(warmupCalls: 2, warmupMs: 1, minSampleMs: 5, repetitions: repeats,
                                                           cvThreshold: 1, maxRetries: 0, threads: threads))
            let n = elements
            let best = harness.measure {
                vk_triad(a.pointer, b.pointer, c.pointer, 1.5, n, Int32(threads))
            }.samplesMs.min()!
            points.append(BandwidthPoint(bytes: 12 * n, gbPerSecond: Double(12 * n) / (best / 1e3) / 1e9))
            elements *= 2
        }
        return points
    }

    /// Best one-core bandwidth in each level's range: up to half of that level's size (above the
    /// previous level), and DRAM from 4× the last-level cache.
    static func bandwidthLevels(sweep: [BandwidthPoint], caches: [CacheLevel]) -> [String: Double] {
        var result: [String: Double] = [:]
        var lower = 0
        var last = 0
        for level in 1...3 {
            guard let cache = DeviceProbe.cache(caches, level: level) else { continue }
            let capacity = cache.sizeBytes
            let inRange = sweep.filter { $0.bytes > lower && $0.bytes <= capacity / 2 }
            if let best = inRange.map(\.gbPerSecond).max() { result["L\(level)"] = best }
            lower = capacity
            last = capacity
        }
        let dram = sweep.filter { $0.bytes >= max(4 * last, 64 << 20) }
        if let best = dram.map(\.gbPerSecond).max() { result["DRAM"] = best }
        return result
    }
}

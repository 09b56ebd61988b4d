import CKernels
import Testing

/// The compute-peak probe counts the operations of the widest path it runs: 384 FLOPs per
/// iteration on AVX-512 (16 lanes), 192 on AVX2 and the scalar fallback; its named instruction
/// set agrees with the CPU probe. On an AVX-512 machine this runs the ZMM path, elsewhere the
/// AVX2 or scalar one.
@Suite struct PeakKernelTests {
    @Test func peakKernelCountsTheFlopsOfThePathItRan() {
        let perIteration = vk_fma_peak_flops_per_iteration()
        let isa = String(cString: vk_fma_peak_isa())
        if vk_cpu_has_avx512f() != 0 {
            #expect(isa == "avx512f" && perIteration == 384)
        } else {
            #expect(isa == (vk_cpu_has_avx2_fma() != 0 ? "avx2+fma" : "scalar") && perIteration == 192)
        }
        #expect(vk_fma_peak_kernel(1000) == 1000 * perIteration)
        #expect(vk_fma_peak_parallel(1000, 2) == 2 * 1000 * perIteration)
        #expect(vk_fma_peak_kernel(0) == 0)
    }
}

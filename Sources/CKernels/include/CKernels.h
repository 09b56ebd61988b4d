/*
 * CKernels — small, dependency-light float32 CNN kernels used by Vernier to
 * measure real latencies of network layers, plus roofline microkernels.
 *
 * Conventions (apply to every function unless stated otherwise):
 *   - float32, batch size 1, NCHW layout: element (c, y, x) of a tensor with
 *     spatial size H x W lives at index c*H*W + y*W + x.
 *   - Convolution / pooling output size: out = (in + 2*pad - k) / stride + 1.
 *     "Same-style" padding for an odd kernel k is pad = k/2; callers always
 *     pass pad explicitly.
 *   - Input and output buffers must not overlap unless a function says so.
 *   - Functions that use the internal thread pool (see vk_set_threads) may be
 *     called from any thread, but concurrent calls from several threads are
 *     serialised on the pool.  Kernels must not be called from inside a
 *     callback running on the pool (there is none in the public API).
 *   - BatchNorm is assumed to be folded into weights/bias by the caller.
 */
#ifndef CKERNELS_H
#define CKERNELS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Activation applied in the epilogue of a kernel.
 *   NONE     : x
 *   RELU     : max(x, 0)
 *   RELU6    : min(max(x, 0), 6)
 *   HSWISH   : x * hsigmoid(x)
 *   SIGMOID  : 1 / (1 + exp(-x))
 *   HSIGMOID : relu6(x + 3) / 6                                            */
typedef enum {
    VK_ACT_NONE = 0,
    VK_ACT_RELU = 1,
    VK_ACT_RELU6 = 2,
    VK_ACT_HSWISH = 3,
    VK_ACT_SIGMOID = 4,
    VK_ACT_HSIGMOID = 5
} vk_activation;

/* Number of floating-point operations one iteration of vk_fma_peak_kernel
 * performs on AVX2: 12 accumulators x 8 float lanes (one AVX2 ymm register) x 2
 * (an FMA is a multiply and an add).  The scalar fallback used on CPUs without
 * AVX2+FMA performs the same number; the AVX-512 path twice as many (16 lanes):
 * vk_fma_peak_flops_per_iteration() says which. */
#define VK_FMA_PEAK_FLOPS_PER_ITERATION 192

/* Floating-point operations per iteration of vk_fma_peak_kernel on this CPU. */
double vk_fma_peak_flops_per_iteration(void);

/* The instruction set the compute peak runs on: "avx512f", "avx2+fma" or "scalar". */
const char *vk_fma_peak_isa(void);

/* ------------------------------------------------------------------------ */
/* Threading                                                                 */
/* ------------------------------------------------------------------------ */

/* Sets the number of threads used by the non-BLAS kernels (depthwise conv,
 * pooling, elementwise, im2col, squeeze-excite, conv epilogue) and calls
 * openblas_set_num_threads(n) for the BLAS-backed ones (conv GEMM, fc).
 * The pool is persistent: n-1 worker pthreads are created here and the
 * calling thread of each kernel acts as the n-th worker.  n < 1 is treated
 * as 1 (no worker threads, everything runs inline on the caller), n > 256
 * as 256.  May be
 * called again at any time (not from inside a running kernel) to change the
 * count; old workers are joined first.  Before the first call the library
 * behaves as if vk_set_threads(1) had been called (OpenBLAS is switched to 1
 * thread lazily on the first BLAS-backed kernel). */
void vk_set_threads(int n);
/* Pins the calling thread to logical CPU `cpu` (pool workers are pinned to CPUs 1, 2, ...).
 * Returns 0, or -1 when the CPU does not exist or the call failed. */
int vk_pin_current_thread(int cpu);

/* Returns the number of threads the pool uses: the last vk_set_threads value
 * clamped to [1, 256] (lower only if pthread_create failed); 1 by default. */
int vk_get_threads(void);

/* Returns 1 if the CPU (and OS) support AVX2 and FMA, i.e. if the
 * hand-vectorised / AVX2-compiled code paths are used; 0 otherwise (always
 * 0 on non-x86).  Probed once with CPUID/XGETBV; setting the environment
 * variable VK_DISABLE_AVX2=1 before the first kernel call forces the
 * portable paths (for testing). */
int vk_cpu_has_avx2_fma(void);

/* 1 when the CPU has AVX-512F and the OS saves ZMM state (0 when
 * VK_DISABLE_AVX512 or VK_DISABLE_AVX2 is set); the roofline's compute peak
 * then runs on 16-lane registers. */
int vk_cpu_has_avx512f(void);

/* ------------------------------------------------------------------------ */
/* Convolution                                                               */
/* ------------------------------------------------------------------------ */

/* Output spatial size of a conv/pool along one axis:
 * (in + 2*pad - k) / stride + 1.  Returns 0 if that is not positive. */
int vk_conv_out_dim(int in, int k, int stride, int pad);

/* Number of floats of workspace vk_conv2d needs for this configuration:
 * (cin/groups) * k * k * out_h * out_w (the im2col matrix of one group,
 * reused across groups), or 0 for the direct 1x1 / stride 1 / pad 0 case. */
size_t vk_conv2d_workspace_floats(int cin, int h, int w, int k, int stride, int pad, int groups);

/* Dense, grouped or pointwise 2-D convolution (BN folded):
 *   out[cout][oh][ow] = act(conv(in[cin][h][w], weight) + bias)
 * weight layout is [cout][cin/groups][k][k]; bias has cout entries or is
 * NULL (no bias).  groups must divide both cin and cout.
 * 1x1 stride-1 pad-0 convolutions are a direct cblas_sgemm per group on the
 * input (no im2col).  All other cases im2col one group at a time into
 * `workspace` (at least vk_conv2d_workspace_floats(...) floats; if NULL and
 * a workspace is needed a temporary buffer is malloc'ed) followed by a
 * cblas_sgemm per group.  Bias and activation are applied in a parallel
 * epilogue.  Uses OpenBLAS threads for the GEMM and the pool for the rest. */
void vk_conv2d(const float *in, int cin, int h, int w, const float *weight, const float *bias,
               float *out, int cout, int k, int stride, int pad, int groups, vk_activation act,
               float *workspace);

/* Depthwise convolution (groups == channels == c, one k x k filter per
 * channel): out = act(dwconv(in, weight) + bias); weight layout [c][k][k];
 * bias has c entries or is NULL.  Direct loops, parallel over channels on
 * the pool.  On AVX2+FMA CPUs strides 1 and 2 use a hand-vectorised kernel
 * (padded input-row ring, 8/16 outputs per step with the accumulators in
 * registers, k = 3/5/7 unrolled); otherwise branch-free auto-vectorisable
 * loops along the output row. */
void vk_depthwise_conv2d(const float *in, int c, int h, int w, const float *weight, const float *bias,
                         float *out, int k, int stride, int pad, vk_activation act);

/* ------------------------------------------------------------------------ */
/* Pooling                                                                   */
/* ------------------------------------------------------------------------ */

/* k x k average pooling per channel with count_include_pad = false: each
 * output is the sum of the in-bounds taps divided by the number of in-bounds
 * taps (0 if a window has no in-bounds tap).  Parallel over channels;
 * AVX2 kernel for stride 1/2 with pad < k, portable loops otherwise. */
void vk_avgpool2d(const float *in, int c, int h, int w, float *out, int k, int stride, int pad);

/* k x k max pooling per channel; padded taps are ignored (as if -inf); a
 * window with no in-bounds tap yields 0.  Parallel over channels; same
 * code paths as vk_avgpool2d. */
void vk_maxpool2d(const float *in, int c, int h, int w, float *out, int k, int stride, int pad);

/* Global average pooling: out[ch] = mean over h*w of in[ch]. */
void vk_global_avgpool(const float *in, int c, int h, int w, float *out);

/* ------------------------------------------------------------------------ */
/* Fully connected                                                           */
/* ------------------------------------------------------------------------ */

/* out[cout] = act(weight[cout][cin] * in[cin] + bias); bias may be NULL.
 * Uses cblas_sgemv. */
void vk_fc(const float *in, int cin, const float *weight, const float *bias, float *out, int cout,
           vk_activation act);

/* ------------------------------------------------------------------------ */
/* Elementwise                                                               */
/* ------------------------------------------------------------------------ */

/* out[i] = act(a[i] + b[i]) for i < n (residual add).  out may alias a or b
 * exactly (in-place); partial overlap is not allowed. */
void vk_add(const float *a, const float *b, float *out, size_t n, vk_activation act);

/* x[i] = act(x[i]) for i < n, in place. */
void vk_activation_inplace(float *x, size_t n, vk_activation act);

/* ShuffleNet channel shuffle: view the c channels as (groups, c/groups),
 * transpose to (c/groups, groups) and flatten, i.e. output channel
 * j*groups + i is input channel i*(c/groups) + j.  groups must divide c;
 * in and out must not overlap. */
void vk_channel_shuffle(const float *in, float *out, int c, int h, int w, int groups);

/* Squeeze-and-excitation, in place on x[c][h][w]:
 *   s = global_avgpool(x)                       (c)
 *   r = inner_act(w1[reduced][c] * s + b1)      (reduced)
 *   g = gate(w2[c][reduced] * r + b2)           (c)
 *   x[ch][:] *= g[ch]
 * b1/b2 may be NULL.  scratch must hold at least c + reduced + c floats. */
void vk_squeeze_excite(float *x, int c, int h, int w, const float *w1, const float *b1, int reduced,
                       const float *w2, const float *b2, vk_activation inner_act, vk_activation gate,
                       float *scratch);

/* ------------------------------------------------------------------------ */
/* Naive reference implementations (single-threaded, no BLAS) for tests      */
/* ------------------------------------------------------------------------ */

/* Obviously-correct nested-loop convolution with the same semantics as
 * vk_conv2d (double accumulation). */
void vk_ref_conv2d(const float *in, int cin, int h, int w, const float *weight, const float *bias,
                   float *out, int cout, int k, int stride, int pad, int groups, vk_activation act);

/* Obviously-correct pooling with the same semantics as vk_maxpool2d
 * (is_max != 0) or vk_avgpool2d (is_max == 0). */
void vk_ref_pool2d(const float *in, int c, int h, int w, float *out, int k, int stride, int pad,
                   int is_max);

/* ------------------------------------------------------------------------ */
/* Roofline microkernels                                                     */
/* ------------------------------------------------------------------------ */

/* Compute-peak probe: runs `iterations` iterations of a loop of 12
 * independent AVX2 FMA chains (enough to cover FMA latency on 2 FMA pipes)
 * on the calling thread and returns the number of floating-point operations
 * performed, exactly iterations * vk_fma_peak_flops_per_iteration() (0 for
 * iterations <= 0).  The result is consumed through a volatile sink so the
 * loop cannot be optimised away.  Falls back to an equivalent scalar loop
 * (same operation count, much slower) without AVX2+FMA. */
double vk_fma_peak_kernel(long iterations);

/* Runs vk_fma_peak_kernel(iterations) on `threads` threads simultaneously
 * (threads-1 fresh pthreads plus the caller, released together by a
 * barrier; not the pool) and returns the total FLOPs of all threads that
 * ran.  threads < 1 is treated as 1. */
double vk_fma_peak_parallel(long iterations, int threads);

/* STREAM triad a[i] = b[i] + s*c[i] for i < n.  The range is split into
 * `threads` contiguous slices, each processed by its own thread (threads-1
 * fresh pthreads plus the caller, released by a barrier; threads <= 1 means
 * the calling thread only).  a must not overlap b or c. */
void vk_triad(float *a, const float *b, const float *c, float s, size_t n, int threads);

/* Fills buf[0..n) with deterministic pseudo-random values uniformly in
 * [-1, 1) generated by xorshift64* from `seed` (same seed -> same values),
 * touching every element. */
void vk_fill_random(float *buf, size_t n, unsigned long long seed);

#ifdef __cplusplus
}
#endif

#endif /* CKERNELS_H */

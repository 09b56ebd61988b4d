/* Private helpers shared by the CKernels translation units (not exported to
 * Swift: this header is outside include/). */
#ifndef VK_INTERNAL_H
#define VK_INTERNAL_H

#include "CKernels.h"
#include <math.h>
#include <stddef.h>

#if defined(__x86_64__) || defined(__i386__)
#define VK_X86 1
/* Function versions compiled for AVX2+FMA; only called after
 * vk_cpu_has_avx2_fma() returned 1. */
#define VK_TARGET_AVX2 __attribute__((target("avx2,fma")))
#else
#define VK_X86 0
#endif

#define VK_INLINE static inline __attribute__((always_inline))

/* Runs fn(ctx, t) for every t in [0, n_tasks) on the persistent pool (the
 * calling thread participates).  Runs inline when the pool has one thread,
 * when n_tasks <= 1, or when called from inside a pool task.  Returns after
 * every task finished (all writes of the tasks are visible to the caller). */
void vk_parallel_for(int n_tasks, void (*fn)(void *ctx, int task), void *ctx);

/* Makes sure OpenBLAS was told the current thread count at least once
 * (default: 1 thread).  Call before any BLAS routine. */
void vk_blas_init(void);

/* Applies `act` to x[0..n) in place; AVX2-dispatched. */
void vk_act_row(float *x, size_t n, vk_activation act);

/* x[i] = act(x[i] + bias) for i < n; AVX2-dispatched. */
void vk_bias_act_row(float *x, size_t n, float bias, vk_activation act);

/* Scalar activation. */
VK_INLINE float vk_act_scalar(float x, vk_activation act) {
    switch (act) {
    case VK_ACT_RELU: return x > 0.0f ? x : 0.0f;
    case VK_ACT_RELU6: { float y = x > 0.0f ? x : 0.0f; return y < 6.0f ? y : 6.0f; }
    case VK_ACT_HSWISH: { float y = x + 3.0f; y = y > 0.0f ? y : 0.0f; y = y < 6.0f ? y : 6.0f; return x * y * (1.0f / 6.0f); }
    case VK_ACT_SIGMOID: return 1.0f / (1.0f + expf(-x));
    case VK_ACT_HSIGMOID: { float y = x + 3.0f; y = y > 0.0f ? y : 0.0f; y = y < 6.0f ? y : 6.0f; return y * (1.0f / 6.0f); }
    case VK_ACT_NONE:
    default: return x;
    }
}

/* Body of the activation loops: the switch is hoisted out of the loops so
 * each loop vectorises (except sigmoid, which calls expf). */
VK_INLINE void vk_bias_act_body(float *restrict x, size_t n, float bias, vk_activation act) {
    size_t i;
    switch (act) {
    case VK_ACT_RELU:
        for (i = 0; i < n; i++) { float y = x[i] + bias; x[i] = y > 0.0f ? y : 0.0f; }
        break;
    case VK_ACT_RELU6:
        for (i = 0; i < n; i++) {
            float y = x[i] + bias; y = y > 0.0f ? y : 0.0f; x[i] = y < 6.0f ? y : 6.0f;
        }
        break;
    case VK_ACT_HSWISH:
        for (i = 0; i < n; i++) {
            float v = x[i] + bias; float y = v + 3.0f;
            y = y > 0.0f ? y : 0.0f; y = y < 6.0f ? y : 6.0f;
            x[i] = v * y * (1.0f / 6.0f);
        }
        break;
    case VK_ACT_HSIGMOID:
        for (i = 0; i < n; i++) {
            float y = x[i] + bias + 3.0f;
            y = y > 0.0f ? y : 0.0f; y = y < 6.0f ? y : 6.0f;
            x[i] = y * (1.0f / 6.0f);
        }
        break;
    case VK_ACT_SIGMOID:
        for (i = 0; i < n; i++) x[i] = 1.0f / (1.0f + expf(-(x[i] + bias)));
        break;
    case VK_ACT_NONE:
    default:
        if (bias != 0.0f)
            for (i = 0; i < n; i++) x[i] += bias;
        break;
    }
}

#if VK_X86
#include <immintrin.h>

/* act(v) on 8 lanes for every activation except SIGMOID (callers handle
 * sigmoid with vk_act_scalar, it needs expf). */
static inline __attribute__((always_inline, target("avx2,fma"))) __m256 vk_act_m256(__m256 v, vk_activation act) {
    const __m256 zero = _mm256_setzero_ps();
    switch (act) {
    case VK_ACT_RELU: return _mm256_max_ps(v, zero);
    case VK_ACT_RELU6: return _mm256_min_ps(_mm256_max_ps(v, zero), _mm256_set1_ps(6.0f));
    case VK_ACT_HSWISH: {
        __m256 y = _mm256_add_ps(v, _mm256_set1_ps(3.0f));
        y = _mm256_min_ps(_mm256_max_ps(y, zero), _mm256_set1_ps(6.0f));
        return _mm256_mul_ps(_mm256_mul_ps(v, y), _mm256_set1_ps(1.0f / 6.0f));
    }
    case VK_ACT_HSIGMOID: {
        __m256 y = _mm256_add_ps(v, _mm256_set1_ps(3.0f));
        y = _mm256_min_ps(_mm256_max_ps(y, zero), _mm256_set1_ps(6.0f));
        return _mm256_mul_ps(y, _mm256_set1_ps(1.0f / 6.0f));
    }
    default: return v;
    }
}

/* 8 floats p[0], p[2], ..., p[14] (reads exactly p[0..14]). */
static inline __attribute__((always_inline, target("avx2,fma"))) __m256 vk_load_stride2(const float *p) {
    const __m256 a = _mm256_loadu_ps(p);     /* p0 .. p7  */
    const __m256 b = _mm256_loadu_ps(p + 7); /* p7 .. p14 */
    /* [a0 a2 b1 b3 | a4 a6 b5 b7] = [p0 p2 p8 p10 | p4 p6 p12 p14] */
    const __m256 e = _mm256_shuffle_ps(a, b, _MM_SHUFFLE(3, 1, 2, 0));
    return _mm256_castpd_ps(_mm256_permute4x64_pd(_mm256_castps_pd(e), _MM_SHUFFLE(3, 1, 2, 0)));
}
#endif

/* Interior output columns [*x0, *x1) of a k-tap window with stride s and
 * padding pad over an input of width w: every tap of those columns is in
 * bounds horizontally. */
static inline void vk_interior_cols(int w, int k, int s, int pad, int ow, int *x0, int *x1) {
    int a = (pad + s - 1) / s;
    if (a > ow) a = ow;
    int last = w - k + pad; /* ox*s <= last */
    int b = last < 0 ? 0 : last / s + 1;
    if (b > ow) b = ow;
    if (b < a) b = a;
    *x0 = a;
    *x1 = b;
}

/* Minimum amount of work (in floats touched) below which a kernel does not
 * bother waking the pool. */
#define VK_PAR_MIN_WORK 16384

#endif /* VK_INTERNAL_H */

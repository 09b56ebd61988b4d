/* Private helpers shared by the CKernels translation units (not exported to
 * Swift: this header is outside include/). */
#ifndef VK_INTERNAL_H
#define VK_INTERNAL_H

#include "CKernels.h"
#include <math.h>
#include <stddef.h>
#include <string.h>

#if defined(__x86_64__) || defined(__i386__)
#define VK_X86 1
/* Function versions compiled for AVX2+FMA; only called after
 * vk_cpu_has_avx2_fma() returned 1. */
#define VK_TARGET_AVX2 __attribute__((target("avx2,fma")))
/* Function versions compiled for AVX-512F; only called after
 * vk_cpu_has_avx512f() returned 1. */
#define VK_TARGET_AVX512 __attribute__((target("avx512f,avx2,fma")))
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

#endif

/* Ring of K horizontally padded input rows used by the AVX2 depthwise and
 * pooling kernels: input row iy lives in slot iy % K, at offset `pad`, with
 * `padval` everywhere else, so every output column reads in bounds without
 * per-tap checks.  Rows are copied once each, in increasing order. */
typedef struct {
    float *buf;   /* K * pw floats */
    int pw;       /* padded row width */
    int K, pad, w;
    int next_row; /* next input row to copy */
} vk_row_ring;

/* Padded row width for an output row of ow columns, stride s, kernel k: the
 * 8-wide blocks (including the stride-2 16-wide loads) never read past it. */
static inline int vk_ring_width(int w, int k, int s, int pad, int ow) {
    int a = (ow + 8) * s + k + 8, b = w + 2 * pad + 8;
    int m = a > b ? a : b;
    return (m + 15) & ~15; /* even (de-interleaved halves), 64-byte multiple */
}

static inline void vk_ring_init(vk_row_ring *r, float *buf, int pw, int K, int pad, int w, float padval) {
    r->buf = buf; r->pw = pw; r->K = K; r->pad = pad; r->w = w; r->next_row = 0;
    for (size_t i = 0; i < (size_t)K * pw; i++) buf[i] = padval;
}

/* Makes input rows up to `upto` (exclusive) available. */
static inline void vk_ring_fill(vk_row_ring *r, const float *src, int upto) {
    for (; r->next_row < upto; r->next_row++)
        memcpy(r->buf + (size_t)(r->next_row % r->K) * r->pw + r->pad, src + (size_t)r->next_row * r->w,
               sizeof(float) * (size_t)r->w);
}

static inline const float *vk_ring_row(const vk_row_ring *r, int iy) {
    return r->buf + (size_t)(iy % r->K) * r->pw;
}

#if VK_X86
/* Stride-2 variant of vk_ring_fill: the padded row is stored de-interleaved,
 * padded column j at [j/2] if j is even and at [pw/2 + j/2] if odd, so a
 * stride-2 walk over the row becomes two contiguous walks.  pw must be even
 * and every slot pre-filled with the pad value (vk_ring_init). */
static inline __attribute__((always_inline, target("avx2,fma"))) void vk_ring_fill_deint(vk_row_ring *r,
                                                                                        const float *src,
                                                                                        int upto) {
    const int half = r->pw / 2, pad = r->pad, w = r->w;
    for (; r->next_row < upto; r->next_row++) {
        float *d = r->buf + (size_t)(r->next_row % r->K) * r->pw;
        const float *s = src + (size_t)r->next_row * w;
        int i = 0;
        if (pad & 1) { /* first element lands on an odd column */
            if (w > 0) d[half + pad / 2] = s[0];
            i = 1;
        }
        for (; i + 16 <= w; i += 16) { /* (pad + i) is even here */
            const __m256 a = _mm256_loadu_ps(s + i), b = _mm256_loadu_ps(s + i + 8);
            const __m256 e = _mm256_shuffle_ps(a, b, _MM_SHUFFLE(2, 0, 2, 0));
            const __m256 o = _mm256_shuffle_ps(a, b, _MM_SHUFFLE(3, 1, 3, 1));
            const int base = (pad + i) / 2;
            _mm256_storeu_ps(d + base, _mm256_castpd_ps(_mm256_permute4x64_pd(_mm256_castps_pd(e), _MM_SHUFFLE(3, 1, 2, 0))));
            _mm256_storeu_ps(d + half + base,
                             _mm256_castpd_ps(_mm256_permute4x64_pd(_mm256_castps_pd(o), _MM_SHUFFLE(3, 1, 2, 0))));
        }
        for (; i < w; i++) {
            const int j = pad + i;
            d[(j & 1) ? half + j / 2 : j / 2] = s[i];
        }
    }
}

/* 8 consecutive outputs' tap `col0 + 2*t` (t = 0..7) from a ring row:
 * contiguous load from the de-interleaved (S == 2) or plain (S == 1) row.
 * col is the padded column of the first output's tap. */
static inline __attribute__((always_inline, target("avx2,fma"))) __m256 vk_ring_load(const float *row, int half,
                                                                                   const int S, int col) {
    if (S == 1) return _mm256_loadu_ps(row + col);
    return _mm256_loadu_ps(row + (col >> 1) + ((col & 1) ? half : 0));
}
#endif

/* Minimum amount of work (in floats touched) below which a kernel does not
 * bother waking the pool. */
#define VK_PAR_MIN_WORK 16384

#endif /* VK_INTERNAL_H */

/* Max / average (count_include_pad = false) / global average pooling, one
 * pool task per channel.  Portable path: row accumulation with branch-free
 * auto-vectorisable loops over output columns.  AVX2 path (stride 1/2,
 * pad < k): padded row ring + 8-wide register blocks, like the depthwise
 * kernel. */
#include "vk_internal.h"

#include <stdlib.h>

typedef struct {
    const float *in;
    float *out;
    int h, w, k, stride, pad, oh, ow;
    int is_max;
} pool_ctx;

/* Number of kx in [0,k) with 0 <= ox*s - pad + kx < w. */
VK_INLINE int valid_taps(int ox, int s, int pad, int k, int w) {
    int start = ox * s - pad;
    int lo = start < 0 ? -start : 0;
    int hi = w - start;
    if (hi > k) hi = k;
    return hi > lo ? hi - lo : 0;
}

VK_INLINE void pool_channel_body(const float *restrict src, float *restrict dst, int h, int w, int k, int s,
                                 int pad, int oh, int ow, int is_max) {
    for (int oy = 0; oy < oh; oy++) {
        float *restrict orow = dst + (size_t)oy * ow;
        const float init = is_max ? -INFINITY : 0.0f;
        for (int ox = 0; ox < ow; ox++) orow[ox] = init;
        int rows = 0;
        for (int ky = 0; ky < k; ky++) {
            const int iy = oy * s - pad + ky;
            if (iy < 0 || iy >= h) continue;
            rows++;
            const float *restrict irow = src + (size_t)iy * w;
            for (int kx = 0; kx < k; kx++) {
                const int off = kx - pad;
                int lo = off < 0 ? (-off + s - 1) / s : 0;
                const int last = w - 1 - off;
                int hi = last < 0 ? 0 : last / s + 1;
                if (hi > ow) hi = ow;
                if (lo >= hi) continue;
                if (is_max) {
                    if (s == 1) {
                        const float *restrict ip = irow + (lo + off);
                        float *restrict op = orow + lo;
                        const int len = hi - lo;
                        for (int j = 0; j < len; j++) { float v = ip[j]; op[j] = v > op[j] ? v : op[j]; }
                    } else {
                        for (int ox = lo; ox < hi; ox++) {
                            float v = irow[ox * s + off];
                            orow[ox] = v > orow[ox] ? v : orow[ox];
                        }
                    }
                } else {
                    if (s == 1) {
                        const float *restrict ip = irow + (lo + off);
                        float *restrict op = orow + lo;
                        const int len = hi - lo;
                        for (int j = 0; j < len; j++) op[j] += ip[j];
                    } else {
                        for (int ox = lo; ox < hi; ox++) orow[ox] += irow[ox * s + off];
                    }
                }
            }
        }
        if (rows == 0) {
            for (int ox = 0; ox < ow; ox++) orow[ox] = 0.0f;
            continue;
        }
        for (int ox = 0; ox < ow; ox++) {
            int cnt = rows * valid_taps(ox, s, pad, k, w);
            if (cnt == 0) orow[ox] = 0.0f;
            else if (!is_max) orow[ox] = orow[ox] / (float)cnt;
        }
    }
}

#if VK_X86
#ifndef VK_POOL_STACK_FLOATS
#define VK_POOL_STACK_FLOATS 4096
#endif
#define VK_POOL_MAX_K 16

/* AVX2 channel for stride S in {1, 2} and 0 <= pad < K (every window has
 * at least one in-bounds tap horizontally): input rows go through a ring
 * of padded rows (pad value -inf for max, 0 for avg), outputs are computed
 * 8 at a time in registers.  Average pooling multiplies the window sum by
 * 1/(valid rows * valid columns) (count_include_pad = false).
 * buf: K * pw floats for the ring, then ow + 8 floats of 1/valid-columns. */
static inline __attribute__((always_inline, target("avx2,fma"))) void
pool_channel_avx2_body(const float *src, float *dst, int h, int w, const int K, const int S, int pad, int oh, int ow,
                       const int is_max, float *buf) {
    vk_row_ring ring;
    const int pw = vk_ring_width(w, K, S, pad, ow), half = pw / 2;
    vk_ring_init(&ring, buf, pw, K, pad, w, is_max ? -INFINITY : 0.0f);
    float *invx = buf + (size_t)K * pw;
    if (!is_max) {
        for (int ox = 0; ox < ow; ox++) invx[ox] = 1.0f / (float)valid_taps(ox, S, pad, K, w);
        for (int i = 0; i < 8; i++) invx[ow + i] = 0.0f;
    }
    const float *rp[VK_POOL_MAX_K];
    float tmp[8];
    const __m256 init = _mm256_set1_ps(is_max ? -INFINITY : 0.0f);
    for (int oy = 0; oy < oh; oy++) {
        float *orow = dst + (size_t)oy * ow;
        const int iy0 = oy * S - pad;
        const int ky0 = iy0 < 0 ? -iy0 : 0;
        int ky1 = h - iy0;
        if (ky1 > K) ky1 = K;
        if (ky1 <= ky0) {
            for (int ox = 0; ox < ow; ox++) orow[ox] = 0.0f;
            continue;
        }
        if (S == 1) vk_ring_fill(&ring, src, iy0 + ky1);
        else vk_ring_fill_deint(&ring, src, iy0 + ky1);
        const int nky = ky1 - ky0;
        for (int j = 0; j < nky; j++) rp[j] = vk_ring_row(&ring, iy0 + ky0 + j);
        const __m256 vinvy = _mm256_set1_ps(1.0f / (float)nky);
        for (int bx = 0; bx < ow; bx += 8) {
            int start = bx, partial = 0;
            if (bx + 8 > ow) {
                if (ow >= 8) start = ow - 8;
                else partial = 1;
            }
            __m256 acc0 = init, acc1 = init;
            for (int ky = 0; ky < nky; ky++) {
                const float *r = rp[ky];
                for (int kx = 0; kx < K; kx++) {
                    const __m256 x = vk_ring_load(r, half, S, start * S + kx);
                    if (is_max) {
                        if (kx & 1) acc1 = _mm256_max_ps(acc1, x);
                        else acc0 = _mm256_max_ps(acc0, x);
                    } else {
                        if (kx & 1) acc1 = _mm256_add_ps(acc1, x);
                        else acc0 = _mm256_add_ps(acc0, x);
                    }
                }
            }
            __m256 res;
            if (is_max) res = _mm256_max_ps(acc0, acc1);
            else res = _mm256_mul_ps(_mm256_add_ps(acc0, acc1), _mm256_mul_ps(_mm256_loadu_ps(invx + start), vinvy));
            if (partial) {
                _mm256_storeu_ps(tmp, res);
                for (int i = 0; i < ow - bx; i++) orow[bx + i] = tmp[i];
            } else {
                _mm256_storeu_ps(orow + start, res);
            }
        }
    }
}

#define VK_POOL_SPECIAL(K, S)                                                                                     \
    VK_TARGET_AVX2 static void pool_avx2_k##K##_s##S(const float *src, float *dst, int h, int w, int pad, int oh, \
                                                     int ow, int is_max, float *buf) {                            \
        if (is_max) pool_channel_avx2_body(src, dst, h, w, K, S, pad, oh, ow, 1, buf);                             \
        else pool_channel_avx2_body(src, dst, h, w, K, S, pad, oh, ow, 0, buf);                                    \
    }
VK_POOL_SPECIAL(2, 2)
VK_POOL_SPECIAL(3, 1)
VK_POOL_SPECIAL(3, 2)

VK_TARGET_AVX2 static void pool_avx2_any(const float *src, float *dst, int h, int w, int k, int s, int pad, int oh,
                                         int ow, int is_max, float *buf) {
    if (s == 1) {
        if (is_max) pool_channel_avx2_body(src, dst, h, w, k, 1, pad, oh, ow, 1, buf);
        else pool_channel_avx2_body(src, dst, h, w, k, 1, pad, oh, ow, 0, buf);
    } else {
        if (is_max) pool_channel_avx2_body(src, dst, h, w, k, 2, pad, oh, ow, 1, buf);
        else pool_channel_avx2_body(src, dst, h, w, k, 2, pad, oh, ow, 0, buf);
    }
}

/* Portable loops compiled for AVX2 (other strides / paddings). */
VK_TARGET_AVX2 static void pool_avx2_fallback(const pool_ctx *c, const float *src, float *dst) {
    pool_channel_body(src, dst, c->h, c->w, c->k, c->stride, c->pad, c->oh, c->ow, c->is_max);
}

static void pool_task_avx2(void *p, int ch) {
    const pool_ctx *c = (const pool_ctx *)p;
    const float *src = c->in + (size_t)ch * c->h * c->w;
    float *dst = c->out + (size_t)ch * c->oh * c->ow;
    const int k = c->k, s = c->stride, pad = c->pad;
    if ((s != 1 && s != 2) || pad < 0 || pad >= k || k > VK_POOL_MAX_K) {
        pool_avx2_fallback(c, src, dst);
        return;
    }
    float stackbuf[VK_POOL_STACK_FLOATS];
    float *buf = stackbuf, *heap = NULL;
    const size_t need = (size_t)k * (size_t)vk_ring_width(c->w, k, s, pad, c->ow) + (size_t)c->ow + 8;
    if (need > VK_POOL_STACK_FLOATS) {
        buf = heap = (float *)malloc(sizeof(float) * need);
        if (!heap) { pool_avx2_fallback(c, src, dst); return; }
    }
    switch (s * 16 + k) {
    case 32 + 2: pool_avx2_k2_s2(src, dst, c->h, c->w, pad, c->oh, c->ow, c->is_max, buf); break;
    case 16 + 3: pool_avx2_k3_s1(src, dst, c->h, c->w, pad, c->oh, c->ow, c->is_max, buf); break;
    case 32 + 3: pool_avx2_k3_s2(src, dst, c->h, c->w, pad, c->oh, c->ow, c->is_max, buf); break;
    default: pool_avx2_any(src, dst, c->h, c->w, k, s, pad, c->oh, c->ow, c->is_max, buf); break;
    }
    free(heap);
}
#endif

static void pool_task_generic(void *p, int ch) {
    const pool_ctx *c = (const pool_ctx *)p;
    pool_channel_body(c->in + (size_t)ch * c->h * c->w, c->out + (size_t)ch * c->oh * c->ow, c->h, c->w, c->k,
                      c->stride, c->pad, c->oh, c->ow, c->is_max);
}

static void pool2d(const float *in, int c, int h, int w, float *out, int k, int stride, int pad, int is_max) {
    const int oh = vk_conv_out_dim(h, k, stride, pad), ow = vk_conv_out_dim(w, k, stride, pad);
    if (c <= 0 || oh <= 0 || ow <= 0) return;
    pool_ctx ctx = { in, out, h, w, k, stride, pad, oh, ow, is_max };
    void (*task)(void *, int) = pool_task_generic;
#if VK_X86
    if (vk_cpu_has_avx2_fma()) task = pool_task_avx2;
#endif
    if ((size_t)c * (size_t)oh * (size_t)ow * (size_t)k * (size_t)k < VK_PAR_MIN_WORK) {
        for (int ch = 0; ch < c; ch++) task(&ctx, ch);
    } else {
        vk_parallel_for(c, task, &ctx);
    }
}

void vk_avgpool2d(const float *in, int c, int h, int w, float *out, int k, int stride, int pad) {
    pool2d(in, c, h, w, out, k, stride, pad, 0);
}

void vk_maxpool2d(const float *in, int c, int h, int w, float *out, int k, int stride, int pad) {
    pool2d(in, c, h, w, out, k, stride, pad, 1);
}

/* ------------------------------------------------------------------------ */
/* Global average pooling                                                    */
/* ------------------------------------------------------------------------ */

/* Sum with 8 independent partial sums (vectorises without -ffast-math). */
VK_INLINE float sum_body(const float *restrict x, size_t n) {
    float acc[8] = { 0, 0, 0, 0, 0, 0, 0, 0 };
    size_t i = 0;
    for (; i + 8 <= n; i += 8)
        for (int j = 0; j < 8; j++) acc[j] += x[i + j];
    float s = ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
    for (; i < n; i++) s += x[i];
    return s;
}

typedef struct {
    const float *in;
    float *out;
    size_t plane;
} gap_ctx;

#if VK_X86
VK_TARGET_AVX2 static float sum_avx2(const float *x, size_t n) {
    __m256 a0 = _mm256_setzero_ps(), a1 = a0, a2 = a0, a3 = a0;
    size_t i = 0;
    for (; i + 32 <= n; i += 32) {
        a0 = _mm256_add_ps(a0, _mm256_loadu_ps(x + i));
        a1 = _mm256_add_ps(a1, _mm256_loadu_ps(x + i + 8));
        a2 = _mm256_add_ps(a2, _mm256_loadu_ps(x + i + 16));
        a3 = _mm256_add_ps(a3, _mm256_loadu_ps(x + i + 24));
    }
    for (; i + 8 <= n; i += 8) a0 = _mm256_add_ps(a0, _mm256_loadu_ps(x + i));
    const __m256 t = _mm256_add_ps(_mm256_add_ps(a0, a1), _mm256_add_ps(a2, a3));
    __m128 q = _mm_add_ps(_mm256_castps256_ps128(t), _mm256_extractf128_ps(t, 1));
    q = _mm_add_ps(q, _mm_movehl_ps(q, q));
    q = _mm_add_ss(q, _mm_shuffle_ps(q, q, 1));
    float s = _mm_cvtss_f32(q);
    for (; i < n; i++) s += x[i];
    return s;
}

static void gap_task_avx2(void *p, int ch) {
    const gap_ctx *c = (const gap_ctx *)p;
    c->out[ch] = sum_avx2(c->in + (size_t)ch * c->plane, c->plane) / (float)c->plane;
}
#endif
static void gap_task_generic(void *p, int ch) {
    const gap_ctx *c = (const gap_ctx *)p;
    c->out[ch] = sum_body(c->in + (size_t)ch * c->plane, c->plane) / (float)c->plane;
}

void vk_global_avgpool(const float *in, int c, int h, int w, float *out) {
    if (c <= 0) return;
    const size_t plane = (size_t)(h > 0 ? h : 0) * (size_t)(w > 0 ? w : 0);
    if (plane == 0) {
        for (int ch = 0; ch < c; ch++) out[ch] = 0.0f;
        return;
    }
    gap_ctx ctx = { in, out, plane };
    void (*task)(void *, int) = gap_task_generic;
#if VK_X86
    if (vk_cpu_has_avx2_fma()) task = gap_task_avx2;
#endif
    if ((size_t)c * plane < VK_PAR_MIN_WORK) {
        for (int ch = 0; ch < c; ch++) task(&ctx, ch);
    } else {
        vk_parallel_for(c, task, &ctx);
    }
}

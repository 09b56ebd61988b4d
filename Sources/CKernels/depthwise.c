/* Depthwise convolution: direct loops, one pool task per channel.
 *
 * Portable path: for each output row the row is initialised with the bias
 * and every in-bounds tap (ky, kx) is accumulated with a branch-free loop
 * over the output columns whose input column is in bounds (auto-vectorised).
 *
 * AVX2+FMA path (stride 1 and 2): input rows are copied once into a small
 * ring of horizontally zero-padded rows, then every output row is computed
 * 8 columns at a time with the accumulators in registers across all k*k
 * taps (one store per 8 outputs, activation applied in registers, kernel
 * sizes 3/5/7 fully unrolled); the last block of a row is shifted back to
 * overlap its predecessor, so there is no scalar border code at all. */
#include "vk_internal.h"

#include <stdlib.h>

typedef struct {
    const float *in;
    const float *weight;
    const float *bias;
    float *out;
    int h, w, k, stride, pad, oh, ow;
    vk_activation act;
} dw_ctx;

VK_INLINE void dw_channel_body(const float *restrict src, const float *restrict wk, float b,
                               float *restrict dst, int h, int w, int k, int s, int pad, int oh, int ow,
                               vk_activation act) {
    for (int oy = 0; oy < oh; oy++) {
        float *restrict orow = dst + (size_t)oy * ow;
        for (int ox = 0; ox < ow; ox++) orow[ox] = b;
        for (int ky = 0; ky < k; ky++) {
            const int iy = oy * s - pad + ky;
            if (iy < 0 || iy >= h) continue;
            const float *restrict irow = src + (size_t)iy * w;
            for (int kx = 0; kx < k; kx++) {
                const float wv = wk[ky * k + kx];
                const int off = kx - pad; /* input column = ox*s + off */
                int lo = off < 0 ? (-off + s - 1) / s : 0;
                const int last = w - 1 - off;
                int hi = last < 0 ? 0 : last / s + 1;
                if (hi > ow) hi = ow;
                if (lo >= hi) continue;
                if (s == 1) {
                    const float *restrict ip = irow + (lo + off);
                    float *restrict op = orow + lo;
                    const int len = hi - lo;
                    for (int j = 0; j < len; j++) op[j] += wv * ip[j];
                } else if (s == 2) {
                    for (int ox = lo; ox < hi; ox++) orow[ox] += wv * irow[2 * ox + off];
                } else {
                    for (int ox = lo; ox < hi; ox++) orow[ox] += wv * irow[ox * s + off];
                }
            }
        }
        vk_bias_act_body(orow, (size_t)ow, 0.0f, act);
    }
}

static void dw_channel_generic(const dw_ctx *c, int ch) {
    const size_t kk = (size_t)c->k * c->k;
    dw_channel_body(c->in + (size_t)ch * c->h * c->w, c->weight + ch * kk, c->bias ? c->bias[ch] : 0.0f,
                    c->out + (size_t)ch * c->oh * c->ow, c->h, c->w, c->k, c->stride, c->pad, c->oh, c->ow,
                    c->act);
}

#if VK_X86
#ifndef VK_RING_STACK_FLOATS
#define VK_RING_STACK_FLOATS 4096 /* on-stack ring buffer (16 KiB) */
#endif
#define VK_RING_MAX_K 16

/* One channel, stride S in {1, 2}, kernel size K (a compile-time constant
 * after inlining for the specialised sizes, so the tap loops unroll).
 * buf holds K * vk_ring_width(...) floats. */
static inline __attribute__((always_inline, target("avx2,fma"))) void
dw_channel_avx2_body(const float *src, const float *wk, float b, float *dst, int h, int w, const int K, const int S,
                     int pad, int oh, int ow, vk_activation act, float *buf) {
    vk_row_ring ring;
    const int pw = vk_ring_width(w, K, S, pad, ow), half = pw / 2;
    vk_ring_init(&ring, buf, pw, K, pad, w, 0.0f);
    const int vec_act = act != VK_ACT_SIGMOID;
    const vk_activation pact = vec_act ? act : VK_ACT_NONE; /* applied in registers */
    const __m256 vb = _mm256_set1_ps(b);
    const float *rp[VK_RING_MAX_K];
    float tmp[8];
    for (int oy = 0; oy < oh; oy++) {
        float *orow = dst + (size_t)oy * ow;
        const int iy0 = oy * S - pad;
        const int ky0 = iy0 < 0 ? -iy0 : 0;
        int ky1 = h - iy0;
        if (ky1 > K) ky1 = K;
        if (ky1 <= ky0) { /* window entirely in the vertical padding */
            const float v = vk_act_scalar(b, act);
            for (int ox = 0; ox < ow; ox++) orow[ox] = v;
            continue;
        }
        if (S == 1) vk_ring_fill(&ring, src, iy0 + ky1);
        else vk_ring_fill_deint(&ring, src, iy0 + ky1);
        const int nky = ky1 - ky0;
        for (int j = 0; j < nky; j++) rp[j] = vk_ring_row(&ring, iy0 + ky0 + j);
        const float *wb = wk + ky0 * K;
        int bx = 0;
        if (nky == K) {
            /* Full windows: 16 outputs per step, 4 independent chains. */
            for (; bx + 16 <= ow; bx += 16) {
                __m256 a0 = vb, a1 = _mm256_setzero_ps(), b0 = vb, b1 = _mm256_setzero_ps();
                for (int ky = 0; ky < K; ky++) {
                    const float *r = rp[ky];
                    for (int kx = 0; kx < K; kx++) {
                        const __m256 wv = _mm256_broadcast_ss(wb + ky * K + kx);
                        const __m256 x = vk_ring_load(r, half, S, bx * S + kx);
                        const __m256 y = vk_ring_load(r, half, S, (bx + 8) * S + kx);
                        if ((ky * K + kx) & 1) {
                            a1 = _mm256_fmadd_ps(wv, x, a1);
                            b1 = _mm256_fmadd_ps(wv, y, b1);
                        } else {
                            a0 = _mm256_fmadd_ps(wv, x, a0);
                            b0 = _mm256_fmadd_ps(wv, y, b0);
                        }
                    }
                }
                _mm256_storeu_ps(orow + bx, vk_act_m256(_mm256_add_ps(a0, a1), pact));
                _mm256_storeu_ps(orow + bx + 8, vk_act_m256(_mm256_add_ps(b0, b1), pact));
            }
        }
        for (; bx < ow; bx += 8) {
            /* The last block is shifted back to overlap the previous one
             * (same values rewritten); rows narrower than 8 go via tmp. */
            int start = bx, partial = 0;
            if (bx + 8 > ow) {
                if (ow >= 8) start = ow - 8;
                else partial = 1;
            }
            __m256 acc0 = vb, acc1 = _mm256_setzero_ps();
            for (int ky = 0; ky < nky; ky++) {
                const float *r = rp[ky];
                for (int kx = 0; kx < K; kx++) {
                    const __m256 wv = _mm256_broadcast_ss(wb + ky * K + kx);
                    const __m256 x = vk_ring_load(r, half, S, start * S + kx);
                    if (kx & 1) acc1 = _mm256_fmadd_ps(wv, x, acc1);
                    else acc0 = _mm256_fmadd_ps(wv, x, acc0);
                }
            }
            const __m256 res = vk_act_m256(_mm256_add_ps(acc0, acc1), pact);
            if (partial) {
                _mm256_storeu_ps(tmp, res);
                for (int i = 0; i < ow - bx; i++) orow[bx + i] = tmp[i];
            } else {
                _mm256_storeu_ps(orow + start, res);
            }
        }
        if (!vec_act)
            for (int i = 0; i < ow; i++) orow[i] = vk_act_scalar(orow[i], VK_ACT_SIGMOID);
    }
}

#define VK_DW_SPECIAL(K, S)                                                                                  \
    VK_TARGET_AVX2 static void dw_avx2_k##K##_s##S(const float *src, const float *wk, float b, float *dst,  \
                                                   int h, int w, int pad, int oh, int ow, vk_activation act,  \
                                                   float *buf) {                                              \
        dw_channel_avx2_body(src, wk, b, dst, h, w, K, S, pad, oh, ow, act, buf);                             \
    }
VK_DW_SPECIAL(3, 1)
VK_DW_SPECIAL(3, 2)
VK_DW_SPECIAL(5, 1)
VK_DW_SPECIAL(5, 2)
VK_DW_SPECIAL(7, 1)
VK_DW_SPECIAL(7, 2)

VK_TARGET_AVX2 static void dw_avx2_any_s1(const float *src, const float *wk, float b, float *dst, int h, int w,
                                          int k, int pad, int oh, int ow, vk_activation act, float *buf) {
    dw_channel_avx2_body(src, wk, b, dst, h, w, k, 1, pad, oh, ow, act, buf);
}
VK_TARGET_AVX2 static void dw_avx2_any_s2(const float *src, const float *wk, float b, float *dst, int h, int w,
                                          int k, int pad, int oh, int ow, vk_activation act, float *buf) {
    dw_channel_avx2_body(src, wk, b, dst, h, w, k, 2, pad, oh, ow, act, buf);
}
/* Portable loops compiled for AVX2 (strides > 2, unusual shapes). */
VK_TARGET_AVX2 static void dw_avx2_fallback(const dw_ctx *c, const float *src, const float *wk, float b,
                                            float *dst) {
    dw_channel_body(src, wk, b, dst, c->h, c->w, c->k, c->stride, c->pad, c->oh, c->ow, c->act);
}

static void dw_task_avx2(void *p, int ch) {
    const dw_ctx *c = (const dw_ctx *)p;
    const size_t kk = (size_t)c->k * c->k;
    const float *src = c->in + (size_t)ch * c->h * c->w;
    const float *wk = c->weight + ch * kk;
    const float b = c->bias ? c->bias[ch] : 0.0f;
    float *dst = c->out + (size_t)ch * c->oh * c->ow;
    const int h = c->h, w = c->w, k = c->k, pad = c->pad, oh = c->oh, ow = c->ow;
    const vk_activation act = c->act;
    if ((c->stride != 1 && c->stride != 2) || pad < 0 || k > VK_RING_MAX_K) {
        dw_avx2_fallback(c, src, wk, b, dst);
        return;
    }
    float stackbuf[VK_RING_STACK_FLOATS];
    float *buf = stackbuf, *heap = NULL;
    const size_t need = (size_t)k * (size_t)vk_ring_width(w, k, c->stride, pad, ow);
    if (need > VK_RING_STACK_FLOATS) {
        buf = heap = (float *)malloc(sizeof(float) * need);
        if (!heap) { dw_avx2_fallback(c, src, wk, b, dst); return; }
    }
    switch (c->stride * 16 + k) {
    case 16 + 3: dw_avx2_k3_s1(src, wk, b, dst, h, w, pad, oh, ow, act, buf); break;
    case 32 + 3: dw_avx2_k3_s2(src, wk, b, dst, h, w, pad, oh, ow, act, buf); break;
    case 16 + 5: dw_avx2_k5_s1(src, wk, b, dst, h, w, pad, oh, ow, act, buf); break;
    case 32 + 5: dw_avx2_k5_s2(src, wk, b, dst, h, w, pad, oh, ow, act, buf); break;
    case 16 + 7: dw_avx2_k7_s1(src, wk, b, dst, h, w, pad, oh, ow, act, buf); break;
    case 32 + 7: dw_avx2_k7_s2(src, wk, b, dst, h, w, pad, oh, ow, act, buf); break;
    default:
        if (c->stride == 1) dw_avx2_any_s1(src, wk, b, dst, h, w, k, pad, oh, ow, act, buf);
        else dw_avx2_any_s2(src, wk, b, dst, h, w, k, pad, oh, ow, act, buf);
        break;
    }
    free(heap);
}
#endif

static void dw_task_generic(void *p, int ch) { dw_channel_generic((const dw_ctx *)p, ch); }

void vk_depthwise_conv2d(const float *in, int c, int h, int w, const float *weight, const float *bias,
                         float *out, int k, int stride, int pad, vk_activation act) {
    const int oh = vk_conv_out_dim(h, k, stride, pad), ow = vk_conv_out_dim(w, k, stride, pad);
    if (c <= 0 || oh <= 0 || ow <= 0) return;
    dw_ctx ctx = { in, weight, bias, out, h, w, k, stride, pad, oh, ow, act };
    void (*task)(void *, int) = dw_task_generic;
#if VK_X86
    if (vk_cpu_has_avx2_fma()) task = dw_task_avx2;
#endif
    if ((size_t)c * (size_t)oh * (size_t)ow * (size_t)k * (size_t)k < VK_PAR_MIN_WORK) {
        for (int ch = 0; ch < c; ch++) task(&ctx, ch);
    } else {
        vk_parallel_for(c, task, &ctx);
    }
}

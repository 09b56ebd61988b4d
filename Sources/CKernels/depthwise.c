/* Depthwise convolution: direct loops, one pool task per channel.
 *
 * Portable path: for each output row the row is initialised with the bias
 * and every in-bounds tap (ky, kx) is accumulated with a branch-free loop
 * over the output columns whose input column is in bounds (auto-vectorised).
 *
 * AVX2+FMA path (stride 1 and 2): interior columns are computed 8 at a time
 * with the accumulator in a register across all k*k taps (one store per 8
 * outputs, activation applied in registers); the last block of a row is
 * shifted back to overlap its predecessor instead of falling back to scalar
 * code; only the pad-wide border columns use scalar code. */
#include "vk_internal.h"

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
/* One output point (before activation) with full bounds checks. */
VK_INLINE float dw_point(const float *src, const float *wk, float b, int h, int w, int k, int s, int pad, int oy,
                         int ox) {
    float acc = b;
    for (int ky = 0; ky < k; ky++) {
        const int iy = oy * s - pad + ky;
        if (iy < 0 || iy >= h) continue;
        for (int kx = 0; kx < k; kx++) {
            const int ix = ox * s - pad + kx;
            if (ix < 0 || ix >= w) continue;
            acc += wk[ky * k + kx] * src[(size_t)iy * w + ix];
        }
    }
    return acc;
}

/* One channel, stride S in {1, 2}, kernel size K (a constant after
 * inlining for the specialised sizes, so the tap loops unroll). */
static inline __attribute__((always_inline, target("avx2,fma"))) void
dw_channel_avx2_body(const float *src, const float *wk, float b, float *dst, int h, int w, const int K, const int S,
                     int pad, int oh, int ow, vk_activation act) {
    int x0, x1;
    vk_interior_cols(w, K, S, pad, ow, &x0, &x1);
    const int vec_act = act != VK_ACT_SIGMOID;
    const vk_activation pact = vec_act ? act : VK_ACT_NONE; /* applied per point */
    const __m256 vb = _mm256_set1_ps(b);
    for (int oy = 0; oy < oh; oy++) {
        float *orow = dst + (size_t)oy * ow;
        int ky0 = pad - oy * S;
        if (ky0 < 0) ky0 = 0;
        int ky1 = h + pad - oy * S;
        if (ky1 > K) ky1 = K;
        int ox = 0;
        if (ky1 > ky0 && x1 - x0 >= 8) {
            for (; ox < x0; ox++) orow[ox] = vk_act_scalar(dw_point(src, wk, b, h, w, K, S, pad, oy, ox), pact);
            const float *rrow = src + (size_t)(oy * S - pad + ky0) * w; /* row of tap ky0 */
            const float *wbase = wk + ky0 * K;
            if (ky0 == 0 && ky1 == K) {
                /* All K rows: constant trip counts, fully unrollable. */
                for (int bx = x0;; bx += 8) {
                    if (bx > x1 - 8) bx = x1 - 8;
                    __m256 acc0 = vb, acc1 = _mm256_setzero_ps();
                    const float *r = rrow + (bx * S - pad); /* bx >= x0: in bounds */
                    for (int ky = 0; ky < K; ky++) {
                        for (int kx = 0; kx < K; kx++) {
                            const __m256 wv = _mm256_broadcast_ss(wbase + ky * K + kx);
                            const __m256 x = S == 1 ? _mm256_loadu_ps(r + (size_t)ky * w + kx)
                                                    : vk_load_stride2(r + (size_t)ky * w + kx);
                            if ((ky * K + kx) & 1) acc1 = _mm256_fmadd_ps(wv, x, acc1);
                            else acc0 = _mm256_fmadd_ps(wv, x, acc0);
                        }
                    }
                    _mm256_storeu_ps(orow + bx, vk_act_m256(_mm256_add_ps(acc0, acc1), pact));
                    if (bx == x1 - 8) break;
                }
            } else {
                const int nky = ky1 - ky0;
                for (int bx = x0;; bx += 8) {
                    if (bx > x1 - 8) bx = x1 - 8;
                    __m256 acc0 = vb;
                    const float *r = rrow + (bx * S - pad); /* bx >= x0: in bounds */
                    for (int ky = 0; ky < nky; ky++) {
                        for (int kx = 0; kx < K; kx++) {
                            const __m256 wv = _mm256_broadcast_ss(wbase + ky * K + kx);
                            const __m256 x = S == 1 ? _mm256_loadu_ps(r + (size_t)ky * w + kx)
                                                    : vk_load_stride2(r + (size_t)ky * w + kx);
                            acc0 = _mm256_fmadd_ps(wv, x, acc0);
                        }
                    }
                    _mm256_storeu_ps(orow + bx, vk_act_m256(acc0, pact));
                    if (bx == x1 - 8) break;
                }
            }
            ox = x1;
        }
        for (; ox < ow; ox++) orow[ox] = vk_act_scalar(dw_point(src, wk, b, h, w, K, S, pad, oy, ox), pact);
        if (!vec_act)
            for (int i = 0; i < ow; i++) orow[i] = vk_act_scalar(orow[i], VK_ACT_SIGMOID);
    }
}

#define VK_DW_SPECIAL(K, S)                                                                                   \
    VK_TARGET_AVX2 static void dw_avx2_k##K##_s##S(const float *src, const float *wk, float b, float *dst,   \
                                                   int h, int w, int pad, int oh, int ow, vk_activation act) { \
        dw_channel_avx2_body(src, wk, b, dst, h, w, K, S, pad, oh, ow, act);                                   \
    }
VK_DW_SPECIAL(3, 1)
VK_DW_SPECIAL(3, 2)
VK_DW_SPECIAL(5, 1)
VK_DW_SPECIAL(5, 2)
VK_DW_SPECIAL(7, 1)
VK_DW_SPECIAL(7, 2)

VK_TARGET_AVX2 static void dw_avx2_any_s1(const float *src, const float *wk, float b, float *dst, int h, int w,
                                          int k, int pad, int oh, int ow, vk_activation act) {
    dw_channel_avx2_body(src, wk, b, dst, h, w, k, 1, pad, oh, ow, act);
}
VK_TARGET_AVX2 static void dw_avx2_any_s2(const float *src, const float *wk, float b, float *dst, int h, int w,
                                          int k, int pad, int oh, int ow, vk_activation act) {
    dw_channel_avx2_body(src, wk, b, dst, h, w, k, 2, pad, oh, ow, act);
}
VK_TARGET_AVX2 static void dw_avx2_generic_stride(const dw_ctx *c, const float *src, const float *wk, float b,
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
    const int h = c->h, w = c->w, pad = c->pad, oh = c->oh, ow = c->ow;
    const vk_activation act = c->act;
    if (pad < 0) { dw_avx2_generic_stride(c, src, wk, b, dst); return; }
    switch (c->stride * 16 + c->k) {
    case 16 + 3: dw_avx2_k3_s1(src, wk, b, dst, h, w, pad, oh, ow, act); return;
    case 32 + 3: dw_avx2_k3_s2(src, wk, b, dst, h, w, pad, oh, ow, act); return;
    case 16 + 5: dw_avx2_k5_s1(src, wk, b, dst, h, w, pad, oh, ow, act); return;
    case 32 + 5: dw_avx2_k5_s2(src, wk, b, dst, h, w, pad, oh, ow, act); return;
    case 16 + 7: dw_avx2_k7_s1(src, wk, b, dst, h, w, pad, oh, ow, act); return;
    case 32 + 7: dw_avx2_k7_s2(src, wk, b, dst, h, w, pad, oh, ow, act); return;
    default: break;
    }
    if (c->stride == 1) dw_avx2_any_s1(src, wk, b, dst, h, w, c->k, pad, oh, ow, act);
    else if (c->stride == 2) dw_avx2_any_s2(src, wk, b, dst, h, w, c->k, pad, oh, ow, act);
    else dw_avx2_generic_stride(c, src, wk, b, dst);
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

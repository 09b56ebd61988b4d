/* Max / average (count_include_pad = false) / global average pooling.
 * Same row-accumulation scheme as the depthwise kernel: one task per
 * channel, branch-free vectorisable inner loops over output columns. */
#include "vk_internal.h"

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
VK_TARGET_AVX2 static void pool_task_avx2(void *p, int ch) {
    const pool_ctx *c = (const pool_ctx *)p;
    pool_channel_body(c->in + (size_t)ch * c->h * c->w, c->out + (size_t)ch * c->oh * c->ow, c->h, c->w, c->k,
                      c->stride, c->pad, c->oh, c->ow, c->is_max);
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
VK_TARGET_AVX2 static void gap_task_avx2(void *p, int ch) {
    const gap_ctx *c = (const gap_ctx *)p;
    c->out[ch] = sum_body(c->in + (size_t)ch * c->plane, c->plane) / (float)c->plane;
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

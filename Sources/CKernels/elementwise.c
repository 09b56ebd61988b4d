/* Elementwise kernels: residual add, activation, channel shuffle,
 * squeeze-and-excitation, deterministic random fill. */
#include "vk_internal.h"

#include <cblas.h>
#include <string.h>

/* Chunk size (floats) of one pool task for flat elementwise kernels. */
#define VK_EW_CHUNK 16384

/* ------------------------------------------------------------------------ */
/* Add                                                                       */
/* ------------------------------------------------------------------------ */

/* out = a + b, all distinct. */
VK_INLINE void add3_body(const float *restrict a, const float *restrict b, float *restrict out, size_t n,
                         vk_activation act) {
    for (size_t i = 0; i < n; i++) out[i] = a[i] + b[i];
    vk_bias_act_body(out, n, 0.0f, act);
}

/* x += b, distinct. */
VK_INLINE void add2_body(float *restrict x, const float *restrict b, size_t n, vk_activation act) {
    for (size_t i = 0; i < n; i++) x[i] += b[i];
    vk_bias_act_body(x, n, 0.0f, act);
}

VK_INLINE void add_any_body(const float *a, const float *b, float *out, size_t n, vk_activation act) {
    if (out == a) add2_body(out, b, n, act);
    else if (out == b) add2_body(out, a, n, act);
    else add3_body(a, b, out, n, act);
}

#if VK_X86
/* Loads precede the store of the same index, so exact aliasing of out with
 * a or b is fine. */
VK_TARGET_AVX2 static void add_avx2(const float *a, const float *b, float *out, size_t n, vk_activation act) {
    if (act == VK_ACT_SIGMOID) {
        for (size_t i = 0; i < n; i++) out[i] = vk_act_scalar(a[i] + b[i], act);
        return;
    }
    size_t i = 0;
    switch (act) {
#define VK_ADD_LOOP(A)                                                                                       \
    for (; i + 8 <= n; i += 8)                                                                               \
        _mm256_storeu_ps(out + i, vk_act_m256(_mm256_add_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i)), A)); \
    break;
    case VK_ACT_RELU: VK_ADD_LOOP(VK_ACT_RELU)
    case VK_ACT_RELU6: VK_ADD_LOOP(VK_ACT_RELU6)
    case VK_ACT_HSWISH: VK_ADD_LOOP(VK_ACT_HSWISH)
    case VK_ACT_HSIGMOID: VK_ADD_LOOP(VK_ACT_HSIGMOID)
    default: VK_ADD_LOOP(VK_ACT_NONE)
#undef VK_ADD_LOOP
    }
    for (; i < n; i++) out[i] = vk_act_scalar(a[i] + b[i], act);
}
#endif
static void add_generic(const float *a, const float *b, float *out, size_t n, vk_activation act) {
    add_any_body(a, b, out, n, act);
}

static void add_dispatch(const float *a, const float *b, float *out, size_t n, vk_activation act) {
#if VK_X86
    if (vk_cpu_has_avx2_fma()) { add_avx2(a, b, out, n, act); return; }
#endif
    add_generic(a, b, out, n, act);
}

typedef struct {
    const float *a, *b;
    float *out;
    size_t n;
    vk_activation act;
} add_ctx;

static void add_task(void *p, int t) {
    const add_ctx *c = (const add_ctx *)p;
    size_t start = (size_t)t * VK_EW_CHUNK;
    size_t len = c->n - start < VK_EW_CHUNK ? c->n - start : VK_EW_CHUNK;
    add_dispatch(c->a + start, c->b + start, c->out + start, len, c->act);
}

void vk_add(const float *a, const float *b, float *out, size_t n, vk_activation act) {
    if (n == 0) return;
    if (n < 4 * VK_EW_CHUNK || vk_get_threads() <= 1) {
        add_dispatch(a, b, out, n, act);
        return;
    }
    add_ctx c = { a, b, out, n, act };
    vk_parallel_for((int)((n + VK_EW_CHUNK - 1) / VK_EW_CHUNK), add_task, &c);
}

/* ------------------------------------------------------------------------ */
/* Activation                                                                */
/* ------------------------------------------------------------------------ */

typedef struct {
    float *x;
    size_t n;
    vk_activation act;
} act_ctx;

static void act_task(void *p, int t) {
    const act_ctx *c = (const act_ctx *)p;
    size_t start = (size_t)t * VK_EW_CHUNK;
    size_t len = c->n - start < VK_EW_CHUNK ? c->n - start : VK_EW_CHUNK;
    vk_act_row(c->x + start, len, c->act);
}

void vk_activation_inplace(float *x, size_t n, vk_activation act) {
    if (n == 0 || act == VK_ACT_NONE) return;
    /* sigmoid is ~10x more expensive per element than the others. */
    size_t min_par = act == VK_ACT_SIGMOID ? VK_EW_CHUNK : 4 * VK_EW_CHUNK;
    if (n < min_par || vk_get_threads() <= 1) {
        vk_act_row(x, n, act);
        return;
    }
    act_ctx c = { x, n, act };
    vk_parallel_for((int)((n + VK_EW_CHUNK - 1) / VK_EW_CHUNK), act_task, &c);
}

/* ------------------------------------------------------------------------ */
/* Channel shuffle                                                           */
/* ------------------------------------------------------------------------ */

typedef struct {
    const float *in;
    float *out;
    size_t plane;
    int groups, per_group;
} shuffle_ctx;

/* Output channel oc = j*groups + i  <-  input channel i*per_group + j. */
static void shuffle_task(void *p, int oc) {
    const shuffle_ctx *c = (const shuffle_ctx *)p;
    int j = oc / c->groups, i = oc % c->groups;
    int ic = i * c->per_group + j;
    memcpy(c->out + (size_t)oc * c->plane, c->in + (size_t)ic * c->plane, sizeof(float) * c->plane);
}

void vk_channel_shuffle(const float *in, float *out, int c, int h, int w, int groups) {
    if (c <= 0 || h <= 0 || w <= 0) return;
    if (groups < 1 || c % groups) groups = 1;
    shuffle_ctx ctx = { in, out, (size_t)h * (size_t)w, groups, c / groups };
    if ((size_t)c * ctx.plane < 4 * VK_EW_CHUNK) {
        for (int oc = 0; oc < c; oc++) shuffle_task(&ctx, oc);
    } else {
        vk_parallel_for(c, shuffle_task, &ctx);
    }
}

/* ------------------------------------------------------------------------ */
/* Squeeze-and-excitation                                                    */
/* ------------------------------------------------------------------------ */

VK_INLINE void scale_body(float *restrict x, size_t n, float g) {
    for (size_t i = 0; i < n; i++) x[i] *= g;
}
#if VK_X86
VK_TARGET_AVX2 static void scale_avx2(float *x, size_t n, float g) {
    const __m256 vg = _mm256_set1_ps(g);
    size_t i = 0;
    for (; i + 8 <= n; i += 8) _mm256_storeu_ps(x + i, _mm256_mul_ps(_mm256_loadu_ps(x + i), vg));
    for (; i < n; i++) x[i] *= g;
}
#endif
static void scale_generic(float *x, size_t n, float g) { scale_body(x, n, g); }

typedef struct {
    float *x;
    const float *gate;
    size_t plane;
} se_scale_ctx;

static void se_scale_task(void *p, int ch) {
    const se_scale_ctx *c = (const se_scale_ctx *)p;
#if VK_X86
    if (vk_cpu_has_avx2_fma()) { scale_avx2(c->x + (size_t)ch * c->plane, c->plane, c->gate[ch]); return; }
#endif
    scale_generic(c->x + (size_t)ch * c->plane, c->plane, c->gate[ch]);
}

void vk_squeeze_excite(float *x, int c, int h, int w, const float *w1, const float *b1, int reduced,
                       const float *w2, const float *b2, vk_activation inner_act, vk_activation gate,
                       float *scratch) {
    if (c <= 0 || h <= 0 || w <= 0) return;
    float *s = scratch;
    float *r = scratch + c;
    float *g = scratch + c + (reduced > 0 ? reduced : 0);
    const size_t plane = (size_t)h * (size_t)w;

    vk_global_avgpool(x, c, h, w, s);
    vk_blas_init();

    if (reduced > 0) {
        if (b1) memcpy(r, b1, sizeof(float) * (size_t)reduced);
        cblas_sgemv(CblasRowMajor, CblasNoTrans, reduced, c, 1.0f, w1, c, s, 1, b1 ? 1.0f : 0.0f, r, 1);
        vk_act_row(r, (size_t)reduced, inner_act);
        if (b2) memcpy(g, b2, sizeof(float) * (size_t)c);
        cblas_sgemv(CblasRowMajor, CblasNoTrans, c, reduced, 1.0f, w2, reduced, r, 1, b2 ? 1.0f : 0.0f, g, 1);
    } else {
        for (int ch = 0; ch < c; ch++) g[ch] = b2 ? b2[ch] : 0.0f;
    }
    vk_act_row(g, (size_t)c, gate);

    se_scale_ctx ctx = { x, g, plane };
    if ((size_t)c * plane < VK_PAR_MIN_WORK) {
        for (int ch = 0; ch < c; ch++) se_scale_task(&ctx, ch);
    } else {
        vk_parallel_for(c, se_scale_task, &ctx);
    }
}

/* ------------------------------------------------------------------------ */
/* Random fill                                                               */
/* ------------------------------------------------------------------------ */

void vk_fill_random(float *buf, size_t n, unsigned long long seed) {
    /* xorshift64* (Vigna); the state must be non-zero. */
    unsigned long long x = seed ^ 0x9E3779B97F4A7C15ULL;
    if (x == 0) x = 0x2545F4914F6CDD1DULL;
    for (size_t i = 0; i < n; i++) {
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        unsigned long long r = x * 0x2545F4914F6CDD1DULL;
        /* top 24 bits -> [0, 2) in steps of 2^-23 -> [-1, 1), all exact. */
        buf[i] = (float)(r >> 40) * (1.0f / 8388608.0f) - 1.0f;
    }
}

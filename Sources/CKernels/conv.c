/* Dense / grouped / pointwise convolution: im2col + cblas_sgemm, or direct
 * sgemm for 1x1 stride-1 pad-0; fully connected via cblas_sgemv. */
#include "vk_internal.h"

#include <cblas.h>
#include <stdlib.h>
#include <string.h>

int vk_conv_out_dim(int in, int k, int stride, int pad) {
    if (stride < 1 || k < 1) return 0;
    int num = in + 2 * pad - k;
    if (num < 0) return 0;
    return num / stride + 1;
}

static int is_direct_1x1(int k, int stride, int pad) { return k == 1 && stride == 1 && pad == 0; }

size_t vk_conv2d_workspace_floats(int cin, int h, int w, int k, int stride, int pad, int groups) {
    if (is_direct_1x1(k, stride, pad)) return 0;
    if (groups < 1) groups = 1;
    int oh = vk_conv_out_dim(h, k, stride, pad), ow = vk_conv_out_dim(w, k, stride, pad);
    if (oh <= 0 || ow <= 0) return 0;
    return (size_t)(cin / groups) * (size_t)k * (size_t)k * (size_t)oh * (size_t)ow;
}

/* ------------------------------------------------------------------------ */
/* im2col                                                                    */
/* ------------------------------------------------------------------------ */

typedef struct {
    const float *in; /* first channel of the group */
    float *col;      /* [cin_g*k*k][oh*ow] */
    int h, w, k, stride, pad, oh, ow;
} im2col_ctx;

/* Fills one row of the column matrix: row r = (ci, ky, kx). */
static void im2col_row(void *p, int r) {
    const im2col_ctx *c = (const im2col_ctx *)p;
    const int k = c->k, h = c->h, w = c->w, s = c->stride, pad = c->pad, oh = c->oh, ow = c->ow;
    const int ci = r / (k * k), ky = (r / k) % k, kx = r % k;
    const float *src = c->in + (size_t)ci * h * w;
    float *dst = c->col + (size_t)r * oh * ow;

    /* Output columns whose input column ox*s - pad + kx lies in [0, w). */
    int lo = 0;
    if (pad - kx > 0) lo = (pad - kx + s - 1) / s;
    int last = w - 1 + pad - kx; /* ox*s <= last */
    int hi = last < 0 ? 0 : last / s + 1;
    if (hi > ow) hi = ow;
    if (lo > hi) lo = hi;

    for (int oy = 0; oy < oh; oy++) {
        float *d = dst + (size_t)oy * ow;
        int iy = oy * s - pad + ky;
        if (iy < 0 || iy >= h) { memset(d, 0, sizeof(float) * (size_t)ow); continue; }
        const float *srow = src + (size_t)iy * w;
        for (int ox = 0; ox < lo; ox++) d[ox] = 0.0f;
        if (s == 1) {
            if (hi > lo) memcpy(d + lo, srow + (lo - pad + kx), sizeof(float) * (size_t)(hi - lo));
        } else {
            for (int ox = lo; ox < hi; ox++) d[ox] = srow[ox * s - pad + kx];
        }
        for (int ox = hi; ox < ow; ox++) d[ox] = 0.0f;
    }
}

static void im2col(const float *in, int cin_g, int h, int w, int k, int stride, int pad, int oh, int ow,
                   float *col) {
    im2col_ctx c = { in, col, h, w, k, stride, pad, oh, ow };
    int rows = cin_g * k * k;
    if ((size_t)rows * (size_t)oh * (size_t)ow < VK_PAR_MIN_WORK) {
        for (int r = 0; r < rows; r++) im2col_row(&c, r);
    } else {
        vk_parallel_for(rows, im2col_row, &c);
    }
}

/* ------------------------------------------------------------------------ */
/* Epilogue                                                                  */
/* ------------------------------------------------------------------------ */

typedef struct {
    float *out;
    const float *bias;
    size_t plane;
    vk_activation act;
} epilogue_ctx;

static void epilogue_channel(void *p, int ch) {
    const epilogue_ctx *c = (const epilogue_ctx *)p;
    vk_bias_act_row(c->out + (size_t)ch * c->plane, c->plane, c->bias ? c->bias[ch] : 0.0f, c->act);
}

static void bias_act_planes(float *out, const float *bias, int channels, size_t plane, vk_activation act) {
    if (!bias && act == VK_ACT_NONE) return;
    epilogue_ctx c = { out, bias, plane, act };
    if ((size_t)channels * plane < VK_PAR_MIN_WORK) {
        for (int ch = 0; ch < channels; ch++) epilogue_channel(&c, ch);
    } else {
        vk_parallel_for(channels, epilogue_channel, &c);
    }
}

/* ------------------------------------------------------------------------ */
/* Convolution                                                               */
/* ------------------------------------------------------------------------ */

void vk_conv2d(const float *in, int cin, int h, int w, const float *weight, const float *bias,
               float *out, int cout, int k, int stride, int pad, int groups, vk_activation act,
               float *workspace) {
    if (groups < 1) groups = 1;
    const int oh = vk_conv_out_dim(h, k, stride, pad), ow = vk_conv_out_dim(w, k, stride, pad);
    if (oh <= 0 || ow <= 0 || cin <= 0 || cout <= 0 || cin % groups || cout % groups) return;
    const int cin_g = cin / groups, cout_g = cout / groups;
    const int kdim = cin_g * k * k;
    const int ohw = oh * ow;
    const int direct = is_direct_1x1(k, stride, pad);

    vk_blas_init();

    float *tmp = NULL;
    if (!direct && !workspace) {
        tmp = (float *)malloc(sizeof(float) * vk_conv2d_workspace_floats(cin, h, w, k, stride, pad, groups));
        if (!tmp) return;
        workspace = tmp;
    }

    for (int g = 0; g < groups; g++) {
        const float *a = weight + (size_t)g * cout_g * kdim;
        const float *gin = in + (size_t)g * cin_g * h * w;
        const float *b;
        if (direct) {
            b = gin;
        } else {
            im2col(gin, cin_g, h, w, k, stride, pad, oh, ow, workspace);
            b = workspace;
        }
        float *c = out + (size_t)g * cout_g * ohw;
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, cout_g, ohw, kdim, 1.0f, a, kdim, b, ohw,
                    0.0f, c, ohw);
    }

    free(tmp);
    bias_act_planes(out, bias, cout, (size_t)ohw, act);
}

/* ------------------------------------------------------------------------ */
/* Fully connected                                                           */
/* ------------------------------------------------------------------------ */

void vk_fc(const float *in, int cin, const float *weight, const float *bias, float *out, int cout,
           vk_activation act) {
    if (cout <= 0) return;
    if (cin <= 0) {
        for (int o = 0; o < cout; o++) out[o] = vk_act_scalar(bias ? bias[o] : 0.0f, act);
        return;
    }
    vk_blas_init();
    if (bias) {
        memcpy(out, bias, sizeof(float) * (size_t)cout);
        cblas_sgemv(CblasRowMajor, CblasNoTrans, cout, cin, 1.0f, weight, cin, in, 1, 1.0f, out, 1);
    } else {
        cblas_sgemv(CblasRowMajor, CblasNoTrans, cout, cin, 1.0f, weight, cin, in, 1, 0.0f, out, 1);
    }
    vk_act_row(out, (size_t)cout, act);
}

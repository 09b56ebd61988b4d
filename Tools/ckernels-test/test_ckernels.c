/* Standalone correctness test + speed sanity check for the CKernels C library.
 *
 * Build and run (from the repository root):
 *   gcc -O2 -std=c11 -Wall -Wextra -ISources/CKernels/include Sources/CKernels/[a-z]*.c \
 *       Tools/ckernels-test/test_ckernels.c -lopenblas -lpthread -lm -o /tmp/test_ckernels
 *   /tmp/test_ckernels            # all tests + GFLOP/s numbers
 *   /tmp/test_ckernels --quick    # tests only, no benchmarks
 * Exit status 0 iff every check passed.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include "CKernels.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int g_failures = 0;
static int g_checks = 0;

static const char *act_name(vk_activation a) {
    static const char *names[] = { "none", "relu", "relu6", "hswish", "sigmoid", "hsigmoid" };
    return (a >= 0 && a <= 5) ? names[a] : "?";
}

/* Independent scalar activation (written from the spec, not the library). */
static float naive_act(float x, vk_activation a) {
    switch (a) {
    case VK_ACT_RELU: return fmaxf(x, 0.0f);
    case VK_ACT_RELU6: return fminf(fmaxf(x, 0.0f), 6.0f);
    case VK_ACT_HSWISH: return x * (fminf(fmaxf(x + 3.0f, 0.0f), 6.0f) / 6.0f);
    case VK_ACT_SIGMOID: return (float)(1.0 / (1.0 + exp(-(double)x)));
    case VK_ACT_HSIGMOID: return fminf(fmaxf(x + 3.0f, 0.0f), 6.0f) / 6.0f;
    default: return x;
    }
}

static float *alloc_f(size_t n) {
    float *p = (float *)malloc(sizeof(float) * (n ? n : 1));
    if (!p) { fprintf(stderr, "out of memory\n"); exit(2); }
    return p;
}

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Max abs error relative to max(1, max |ref|). */
static double rel_err(const float *got, const float *ref, size_t n) {
    double maxref = 1.0, maxerr = 0.0;
    for (size_t i = 0; i < n; i++) {
        if (fabs(ref[i]) > maxref) maxref = fabs(ref[i]);
        double e = fabs((double)got[i] - (double)ref[i]);
        if (!(e <= maxerr)) maxerr = e; /* also catches NaN */
    }
    return maxerr / maxref;
}

static void check(int ok, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void check(int ok, const char *fmt, ...) {
    g_checks++;
    if (ok) return;
    g_failures++;
    if (g_failures <= 40) {
        va_list ap;
        va_start(ap, fmt);
        fprintf(stderr, "FAIL: ");
        vfprintf(stderr, fmt, ap);
        fprintf(stderr, "\n");
        va_end(ap);
    }
}

static void check_close(const float *got, const float *ref, size_t n, const char *what, const char *cfg) {
    double e = rel_err(got, ref, n);
    check(e < 1e-3, "%s %s: rel err %.3g", what, cfg, e);
}

/* ------------------------------------------------------------------------ */

static void test_conv_one(int cin, int h, int w, int cout, int k, int s, int pad, int groups, vk_activation act,
                          int use_bias, int null_ws) {
    int oh = vk_conv_out_dim(h, k, s, pad), ow = vk_conv_out_dim(w, k, s, pad);
    if (oh <= 0 || ow <= 0) return;
    size_t nin = (size_t)cin * h * w, nw = (size_t)cout * (cin / groups) * k * k, nout = (size_t)cout * oh * ow;
    float *in = alloc_f(nin), *wt = alloc_f(nw), *b = alloc_f((size_t)cout);
    float *out = alloc_f(nout), *ref = alloc_f(nout);
    vk_fill_random(in, nin, 1 + (unsigned)(cin * 131 + h * 7 + w));
    vk_fill_random(wt, nw, 99 + (unsigned)(k * 13 + groups));
    vk_fill_random(b, (size_t)cout, 5);
    size_t wsn = vk_conv2d_workspace_floats(cin, h, w, k, s, pad, groups);
    if (k == 1 && s == 1 && pad == 0) check(wsn == 0, "workspace for 1x1 s1 p0 should be 0, got %zu", wsn);
    else check(wsn == (size_t)(cin / groups) * k * k * oh * ow, "workspace size %zu", wsn);
    float *ws = null_ws ? NULL : alloc_f(wsn);
    for (size_t i = 0; i < nout; i++) out[i] = NAN;
    vk_conv2d(in, cin, h, w, wt, use_bias ? b : NULL, out, cout, k, s, pad, groups, act, ws);
    vk_ref_conv2d(in, cin, h, w, wt, use_bias ? b : NULL, ref, cout, k, s, pad, groups, act);
    /* Independent check of the reference itself at one output point. */
    {
        int co = cout - 1, oy = oh / 2, ox = ow - 1, cg = cin / groups, g = co / (cout / groups);
        double acc = use_bias ? b[co] : 0.0;
        for (int ci = 0; ci < cg; ci++)
            for (int ky = 0; ky < k; ky++)
                for (int kx = 0; kx < k; kx++) {
                    int iy = oy * s - pad + ky, ix = ox * s - pad + kx;
                    if (iy >= 0 && iy < h && ix >= 0 && ix < w)
                        acc += (double)in[((size_t)(g * cg + ci) * h + iy) * w + ix] *
                               wt[(((size_t)co * cg + ci) * k + ky) * k + kx];
                }
        float expect = naive_act((float)acc, act);
        float r = ref[((size_t)co * oh + oy) * ow + ox];
        check(fabsf(expect - r) <= 1e-4f * fmaxf(1.0f, fabsf(expect)), "ref conv spot check %g vs %g", expect, r);
    }
    char cfg[160];
    snprintf(cfg, sizeof cfg, "cin=%d h=%d w=%d cout=%d k=%d s=%d p=%d g=%d act=%s bias=%d ws=%s threads=%d", cin,
             h, w, cout, k, s, pad, groups, act_name(act), use_bias, null_ws ? "NULL" : "given", vk_get_threads());
    check_close(out, ref, nout, "conv2d", cfg);
    free(in); free(wt); free(b); free(out); free(ref); free(ws);
}

static void test_conv(void) {
    static const int ks[] = { 1, 3, 5, 7 };
    static const int shapes[][3] = { { 4, 7, 9 }, { 4, 11, 5 }, { 6, 1, 1 } }; /* cin,h,w */
    for (size_t si = 0; si < sizeof shapes / sizeof shapes[0]; si++) {
        int cin = shapes[si][0], h = shapes[si][1], w = shapes[si][2];
        int cout = 2 * cin;
        int groups_list[3] = { 1, 2, cin };
        for (int ki = 0; ki < 4; ki++)
            for (int s = 1; s <= 2; s++)
                for (int pi = 0; pi < 2; pi++)
                    for (int gi = 0; gi < 3; gi++)
                        for (int a = 0; a <= 5; a++) {
                            int k = ks[ki], pad = pi ? k / 2 : 0;
                            test_conv_one(cin, h, w, cout, k, s, pad, groups_list[gi], (vk_activation)a, a != 2,
                                          a == 4);
                        }
    }
    /* Odd channel counts, direct 1x1 path, bigger spatial (parallel paths). */
    test_conv_one(5, 13, 17, 7, 1, 1, 0, 1, VK_ACT_RELU, 1, 0);
    test_conv_one(6, 13, 17, 9, 1, 1, 0, 3, VK_ACT_HSWISH, 1, 0);
    test_conv_one(6, 13, 17, 9, 1, 2, 0, 3, VK_ACT_NONE, 1, 0);
    test_conv_one(3, 33, 31, 16, 3, 2, 1, 1, VK_ACT_RELU6, 1, 0);
    test_conv_one(16, 29, 29, 24, 3, 1, 1, 1, VK_ACT_RELU, 1, 0);
    test_conv_one(32, 21, 21, 32, 5, 1, 2, 4, VK_ACT_SIGMOID, 1, 0);
    test_conv_one(24, 19, 23, 48, 1, 1, 0, 1, VK_ACT_HSIGMOID, 0, 0);
    test_conv_one(3, 45, 45, 8, 7, 2, 3, 1, VK_ACT_RELU, 1, 1);
    /* pad larger than k/2 and stride 3 */
    test_conv_one(4, 9, 10, 4, 3, 3, 2, 1, VK_ACT_NONE, 1, 0);
}

/* ------------------------------------------------------------------------ */

static void test_depthwise(void) {
    static const int ks[] = { 1, 2, 3, 5, 7, 9 };
    static const int shapes[][3] = { { 3, 7, 9 },    { 5, 12, 5 },   { 2, 1, 3 },  { 24, 31, 33 },
                                     { 40, 28, 28 }, { 4, 17, 40 }, { 3, 6, 70 } };
    for (size_t si = 0; si < sizeof shapes / sizeof shapes[0]; si++) {
        int c = shapes[si][0], h = shapes[si][1], w = shapes[si][2];
        for (int ki = 0; ki < 6; ki++)
            for (int s = 1; s <= 3; s++)
                for (int pi = 0; pi < 3; pi++)
                    for (int a = 0; a <= 5; a++) {
                        int k = ks[ki], pad = pi == 0 ? 0 : pi == 1 ? k / 2 : k - 1;
                        if (pi == 2 && k - 1 == k / 2) continue;
                        int oh = vk_conv_out_dim(h, k, s, pad), ow = vk_conv_out_dim(w, k, s, pad);
                        if (oh <= 0 || ow <= 0) continue;
                        size_t nin = (size_t)c * h * w, nout = (size_t)c * oh * ow;
                        float *in = alloc_f(nin), *wt = alloc_f((size_t)c * k * k), *b = alloc_f((size_t)c);
                        float *out = alloc_f(nout), *ref = alloc_f(nout);
                        vk_fill_random(in, nin, 11 + si);
                        vk_fill_random(wt, (size_t)c * k * k, 12 + (unsigned)k);
                        vk_fill_random(b, (size_t)c, 13);
                        const float *bias = (a & 1) ? b : NULL;
                        vk_depthwise_conv2d(in, c, h, w, wt, bias, out, k, s, pad, (vk_activation)a);
                        vk_ref_conv2d(in, c, h, w, wt, bias, ref, c, k, s, pad, c, (vk_activation)a);
                        char cfg[128];
                        snprintf(cfg, sizeof cfg, "c=%d h=%d w=%d k=%d s=%d p=%d act=%s threads=%d", c, h, w, k, s,
                                 pad, act_name((vk_activation)a), vk_get_threads());
                        check_close(out, ref, nout, "depthwise", cfg);
                        free(in); free(wt); free(b); free(out); free(ref);
                    }
    }
}

/* ------------------------------------------------------------------------ */

static void test_pool(void) {
    static const int ks[] = { 1, 2, 3, 5, 7, 9 };
    static const int shapes[][3] = { { 3, 7, 9 },    { 2, 12, 5 },  { 1, 2, 2 }, { 32, 35, 33 },
                                     { 64, 56, 56 }, { 4, 17, 40 }, { 3, 6, 70 } };
    for (size_t si = 0; si < sizeof shapes / sizeof shapes[0]; si++) {
        int c = shapes[si][0], h = shapes[si][1], w = shapes[si][2];
        size_t nin = (size_t)c * h * w;
        float *in = alloc_f(nin);
        vk_fill_random(in, nin, 21 + si);
        for (int ki = 0; ki < 6; ki++)
            for (int s = 1; s <= 3; s++)
                for (int pi = 0; pi < 4; pi++)
                    for (int is_max = 0; is_max <= 1; is_max++) {
                        /* pad 0, k/2, k-1 and k (windows entirely in the padding -> 0) */
                        int k = ks[ki], pad = pi == 0 ? 0 : pi == 1 ? k / 2 : pi == 2 ? k - 1 : k;
                        if ((pi == 2 && k - 1 == k / 2) || (pi == 3 && k > 3)) continue;
                        int oh = vk_conv_out_dim(h, k, s, pad), ow = vk_conv_out_dim(w, k, s, pad);
                        if (oh <= 0 || ow <= 0) continue;
                        size_t nout = (size_t)c * oh * ow;
                        float *out = alloc_f(nout), *ref = alloc_f(nout);
                        if (is_max) vk_maxpool2d(in, c, h, w, out, k, s, pad);
                        else vk_avgpool2d(in, c, h, w, out, k, s, pad);
                        vk_ref_pool2d(in, c, h, w, ref, k, s, pad, is_max);
                        char cfg[128];
                        snprintf(cfg, sizeof cfg, "%s c=%d h=%d w=%d k=%d s=%d p=%d threads=%d",
                                 is_max ? "max" : "avg", c, h, w, k, s, pad, vk_get_threads());
                        check_close(out, ref, nout, "pool2d", cfg);
                        free(out); free(ref);
                    }
        free(in);
    }
    /* count_include_pad = false: a constant input stays constant under avg pooling. */
    {
        int c = 2, h = 5, w = 6;
        float *in = alloc_f((size_t)c * h * w), *out = alloc_f((size_t)c * h * w);
        for (int i = 0; i < c * h * w; i++) in[i] = 2.5f;
        vk_avgpool2d(in, c, h, w, out, 3, 1, 1);
        int ok = 1;
        for (int i = 0; i < c * h * w; i++) ok &= fabsf(out[i] - 2.5f) < 1e-6f;
        check(ok, "avgpool count_include_pad=false on constant input");
        /* max pool with all-negative input must not see padding zeros */
        for (int i = 0; i < c * h * w; i++) in[i] = -1.0f - (float)i;
        vk_maxpool2d(in, c, h, w, out, 3, 1, 1);
        check(out[0] == -1.0f, "maxpool corner ignores padding (%g)", out[0]);
        free(in); free(out);
    }
    /* global average pool */
    static const int gshapes[][3] = { { 3, 7, 9 }, { 17, 1, 1 }, { 64, 56, 56 }, { 5, 3, 11 } };
    for (size_t si = 0; si < 4; si++) {
        int c = gshapes[si][0], h = gshapes[si][1], w = gshapes[si][2];
        float *in = alloc_f((size_t)c * h * w), *out = alloc_f((size_t)c), *ref = alloc_f((size_t)c);
        vk_fill_random(in, (size_t)c * h * w, 31 + si);
        for (int ch = 0; ch < c; ch++) {
            double s = 0;
            for (int i = 0; i < h * w; i++) s += in[(size_t)ch * h * w + i];
            ref[ch] = (float)(s / (h * w));
        }
        vk_global_avgpool(in, c, h, w, out);
        char cfg[64];
        snprintf(cfg, sizeof cfg, "c=%d h=%d w=%d", c, h, w);
        check_close(out, ref, (size_t)c, "global_avgpool", cfg);
        free(in); free(out); free(ref);
    }
}

/* ------------------------------------------------------------------------ */

static void test_fc(void) {
    static const int shapes[][2] = { { 1, 1 }, { 7, 3 }, { 64, 10 }, { 1280, 1000 }, { 33, 65 } };
    for (size_t si = 0; si < 5; si++) {
        int cin = shapes[si][0], cout = shapes[si][1];
        float *in = alloc_f((size_t)cin), *wt = alloc_f((size_t)cin * cout), *b = alloc_f((size_t)cout);
        float *out = alloc_f((size_t)cout), *ref = alloc_f((size_t)cout);
        vk_fill_random(in, (size_t)cin, 41);
        vk_fill_random(wt, (size_t)cin * cout, 42);
        vk_fill_random(b, (size_t)cout, 43);
        for (int a = 0; a <= 5; a++)
            for (int use_bias = 0; use_bias <= 1; use_bias++) {
                for (int o = 0; o < cout; o++) {
                    double acc = use_bias ? b[o] : 0.0;
                    for (int i = 0; i < cin; i++) acc += (double)wt[(size_t)o * cin + i] * in[i];
                    ref[o] = naive_act((float)acc, (vk_activation)a);
                }
                vk_fc(in, cin, wt, use_bias ? b : NULL, out, cout, (vk_activation)a);
                char cfg[80];
                snprintf(cfg, sizeof cfg, "cin=%d cout=%d act=%s bias=%d", cin, cout, act_name((vk_activation)a),
                         use_bias);
                check_close(out, ref, (size_t)cout, "fc", cfg);
            }
        free(in); free(wt); free(b); free(out); free(ref);
    }
}

/* ------------------------------------------------------------------------ */

static void test_elementwise(void) {
    static const size_t sizes[] = { 1, 7, 33, 1000, 70001, 300007 };
    for (size_t si = 0; si < sizeof sizes / sizeof sizes[0]; si++) {
        size_t n = sizes[si];
        float *a = alloc_f(n), *b = alloc_f(n), *out = alloc_f(n), *ref = alloc_f(n), *x = alloc_f(n);
        for (int act = 0; act <= 5; act++) {
            vk_fill_random(a, n, 51);
            vk_fill_random(b, n, 52);
            for (size_t i = 0; i < n; i++) { a[i] *= 8.0f; ref[i] = naive_act(a[i] + b[i], (vk_activation)act); }
            char cfg[64];
            snprintf(cfg, sizeof cfg, "n=%zu act=%s threads=%d", n, act_name((vk_activation)act), vk_get_threads());
            vk_add(a, b, out, n, (vk_activation)act);
            check_close(out, ref, n, "add", cfg);
            memcpy(x, a, n * sizeof(float));
            vk_add(x, b, x, n, (vk_activation)act); /* out aliases a */
            check_close(x, ref, n, "add(out=a)", cfg);
            memcpy(x, b, n * sizeof(float));
            vk_add(a, x, x, n, (vk_activation)act); /* out aliases b */
            check_close(x, ref, n, "add(out=b)", cfg);

            for (size_t i = 0; i < n; i++) ref[i] = naive_act(a[i], (vk_activation)act);
            memcpy(x, a, n * sizeof(float));
            vk_activation_inplace(x, n, (vk_activation)act);
            check_close(x, ref, n, "activation_inplace", cfg);
        }
        free(a); free(b); free(out); free(ref); free(x);
    }
    /* Specific activation values. */
    {
        float v[] = { -10.0f, -3.0f, -1.5f, 0.0f, 1.5f, 3.0f, 5.0f, 7.0f };
        float e_relu6[] = { 0, 0, 0, 0, 1.5f, 3, 5, 6 };
        float e_hsig[] = { 0, 0, 0.25f, 0.5f, 0.75f, 1, 1, 1 };
        float e_hswish[] = { 0, 0, -0.375f, 0, 1.125f, 3, 5, 7 };
        float x[8];
        memcpy(x, v, sizeof x); vk_activation_inplace(x, 8, VK_ACT_RELU6);
        check_close(x, e_relu6, 8, "relu6 values", "");
        memcpy(x, v, sizeof x); vk_activation_inplace(x, 8, VK_ACT_HSIGMOID);
        check_close(x, e_hsig, 8, "hsigmoid values", "");
        memcpy(x, v, sizeof x); vk_activation_inplace(x, 8, VK_ACT_HSWISH);
        check_close(x, e_hswish, 8, "hswish values", "");
        x[0] = 0.0f; vk_activation_inplace(x, 1, VK_ACT_SIGMOID);
        check(fabsf(x[0] - 0.5f) < 1e-6f, "sigmoid(0) = %g", x[0]);
    }

    /* Channel shuffle is the specified permutation. */
    static const int sh[][4] = { { 6, 3, 5, 2 }, { 12, 4, 3, 3 }, { 8, 7, 7, 1 }, { 116, 28, 28, 2 }, { 9, 2, 2, 9 } };
    for (size_t si = 0; si < 5; si++) {
        int c = sh[si][0], h = sh[si][1], w = sh[si][2], g = sh[si][3];
        size_t plane = (size_t)h * w, n = (size_t)c * plane;
        float *in = alloc_f(n), *out = alloc_f(n);
        for (int ch = 0; ch < c; ch++)
            for (size_t i = 0; i < plane; i++) in[ch * plane + i] = (float)ch * 100000.0f + (float)i;
        vk_channel_shuffle(in, out, c, h, w, g);
        int ok = 1, *seen = (int *)calloc((size_t)c, sizeof(int));
        for (int oc = 0; oc < c; oc++) {
            int src = (int)(out[oc * plane] / 100000.0f + 0.5f);
            if (src < 0 || src >= c) { ok = 0; continue; }
            seen[src]++;
            int j = oc / g, i = oc % g;
            if (src != i * (c / g) + j) ok = 0;
            for (size_t p = 0; p < plane; p++)
                if (out[oc * plane + p] != in[(size_t)src * plane + p]) ok = 0;
        }
        for (int ch = 0; ch < c; ch++) if (seen[ch] != 1) ok = 0;
        check(ok, "channel_shuffle c=%d h=%d w=%d g=%d", c, h, w, g);
        free(seen); free(in); free(out);
    }
}

/* ------------------------------------------------------------------------ */

static void test_se(void) {
    static const int shapes[][4] = { { 8, 5, 7, 2 }, { 16, 14, 14, 4 }, { 96, 28, 28, 24 }, { 3, 1, 1, 1 } };
    for (size_t si = 0; si < 4; si++) {
        int c = shapes[si][0], h = shapes[si][1], w = shapes[si][2], r = shapes[si][3];
        size_t plane = (size_t)h * w, n = (size_t)c * plane;
        float *x = alloc_f(n), *ref = alloc_f(n);
        float *w1 = alloc_f((size_t)r * c), *b1 = alloc_f((size_t)r), *w2 = alloc_f((size_t)c * r), *b2 = alloc_f((size_t)c);
        float *scratch = alloc_f((size_t)(2 * c + r));
        float *s = alloc_f((size_t)c), *hid = alloc_f((size_t)r);
        vk_fill_random(w1, (size_t)r * c, 61);
        vk_fill_random(b1, (size_t)r, 62);
        vk_fill_random(w2, (size_t)c * r, 63);
        vk_fill_random(b2, (size_t)c, 64);
        const vk_activation combos[][2] = { { VK_ACT_RELU, VK_ACT_HSIGMOID }, { VK_ACT_RELU, VK_ACT_SIGMOID },
                                            { VK_ACT_HSWISH, VK_ACT_SIGMOID } };
        for (int ci = 0; ci < 3; ci++)
            for (int use_bias = 0; use_bias <= 1; use_bias++) {
                vk_fill_random(x, n, 65);
                for (int ch = 0; ch < c; ch++) {
                    double acc = 0;
                    for (size_t p = 0; p < plane; p++) acc += x[ch * plane + p];
                    s[ch] = (float)(acc / (double)plane);
                }
                for (int j = 0; j < r; j++) {
                    double acc = use_bias ? b1[j] : 0.0;
                    for (int ch = 0; ch < c; ch++) acc += (double)w1[(size_t)j * c + ch] * s[ch];
                    hid[j] = naive_act((float)acc, combos[ci][0]);
                }
                for (int ch = 0; ch < c; ch++) {
                    double acc = use_bias ? b2[ch] : 0.0;
                    for (int j = 0; j < r; j++) acc += (double)w2[(size_t)ch * r + j] * hid[j];
                    float g = naive_act((float)acc, combos[ci][1]);
                    for (size_t p = 0; p < plane; p++) ref[ch * plane + p] = x[ch * plane + p] * g;
                }
                vk_squeeze_excite(x, c, h, w, w1, use_bias ? b1 : NULL, r, w2, use_bias ? b2 : NULL, combos[ci][0],
                                  combos[ci][1], scratch);
                char cfg[96];
                snprintf(cfg, sizeof cfg, "c=%d h=%d w=%d r=%d acts=%s/%s bias=%d threads=%d", c, h, w, r,
                         act_name(combos[ci][0]), act_name(combos[ci][1]), use_bias, vk_get_threads());
                check_close(x, ref, n, "squeeze_excite", cfg);
            }
        free(x); free(ref); free(w1); free(b1); free(w2); free(b2); free(scratch); free(s); free(hid);
    }
}

/* ------------------------------------------------------------------------ */

static void test_roofline_and_misc(void) {
    /* FMA peak: exact FLOP count. */
    const double per_iter = 2.0 * 8 * 12; /* 2 * lanes * accumulators */
    check(VK_FMA_PEAK_FLOPS_PER_ITERATION == 192, "VK_FMA_PEAK_FLOPS_PER_ITERATION");
    check(vk_fma_peak_kernel(1000) == per_iter * 1000, "fma_peak_kernel(1000) = %g", vk_fma_peak_kernel(1000));
    check(vk_fma_peak_kernel(12345) == per_iter * 12345, "fma_peak_kernel(12345)");
    check(vk_fma_peak_kernel(0) == 0.0, "fma_peak_kernel(0)");
    check(vk_fma_peak_parallel(1000, 1) == per_iter * 1000, "fma_peak_parallel(1000, 1)");
    check(vk_fma_peak_parallel(1000, 3) == per_iter * 3000, "fma_peak_parallel(1000, 3) = %g",
          vk_fma_peak_parallel(1000, 3));

    /* Triad. */
    static const size_t sizes[] = { 1, 15, 17, 1000, 100003 };
    for (size_t si = 0; si < 5; si++)
        for (int t = 1; t <= 4; t++) {
            size_t n = sizes[si];
            float *a = alloc_f(n), *b = alloc_f(n), *c = alloc_f(n);
            vk_fill_random(b, n, 71);
            vk_fill_random(c, n, 72);
            for (size_t i = 0; i < n; i++) a[i] = NAN;
            vk_triad(a, b, c, 3.0f, n, t);
            int ok = 1;
            for (size_t i = 0; i < n; i++) if (fabsf(a[i] - (b[i] + 3.0f * c[i])) > 1e-5f) ok = 0;
            check(ok, "triad n=%zu threads=%d", n, t);
            free(a); free(b); free(c);
        }

    /* Random fill: deterministic, in [-1, 1), roughly uniform. */
    {
        size_t n = 100000;
        float *p = alloc_f(n), *q = alloc_f(n);
        vk_fill_random(p, n, 123);
        vk_fill_random(q, n, 123);
        int same = memcmp(p, q, n * sizeof(float)) == 0, inrange = 1;
        double mean = 0;
        for (size_t i = 0; i < n; i++) { if (!(p[i] >= -1.0f && p[i] < 1.0f)) inrange = 0; mean += p[i]; }
        mean /= (double)n;
        vk_fill_random(q, n, 124);
        check(same, "fill_random deterministic");
        check(inrange, "fill_random range");
        check(fabs(mean) < 0.02, "fill_random mean %g", mean);
        check(memcmp(p, q, n * sizeof(float)) != 0, "fill_random seed dependence");
        free(p); free(q);
    }
}

/* ------------------------------------------------------------------------ */

static void run_all_kernel_tests(void) {
    test_conv();
    test_depthwise();
    test_pool();
    test_fc();
    test_elementwise();
    test_se();
}

static void bench(void) {
    printf("\n== speed sanity check (cpu avx2+fma: %s) ==\n", vk_cpu_has_avx2_fma() ? "yes" : "no");
    /* FMA peak, 1 thread */
    {
        long iters = 50 * 1000 * 1000;
        vk_fma_peak_kernel(iters / 10); /* warm-up / clock ramp */
        double best = 0;
        for (int r = 0; r < 3; r++) {
            double t0 = now_s();
            double flops = vk_fma_peak_kernel(iters);
            double dt = now_s() - t0;
            if (flops / dt > best) best = flops / dt;
        }
        printf("vk_fma_peak_kernel  1 thread : %7.1f GFLOP/s\n", best * 1e-9);
        double t0 = now_s();
        double flops = vk_fma_peak_parallel(iters, 2);
        double dt = now_s() - t0;
        printf("vk_fma_peak_parallel 2 thr   : %7.1f GFLOP/s\n", flops / dt * 1e-9);
    }
    /* Triad bandwidth */
    {
        size_t n = 16u << 20; /* 64 MiB per array */
        float *a = alloc_f(n), *b = alloc_f(n), *c = alloc_f(n);
        vk_fill_random(b, n, 1);
        vk_fill_random(c, n, 2);
        vk_fill_random(a, n, 3);
        for (int t = 1; t <= 2; t++) {
            double best = 1e30;
            for (int r = 0; r < 5; r++) {
                double t0 = now_s();
                vk_triad(a, b, c, 1.5f, n, t);
                double dt = now_s() - t0;
                if (dt < best) best = dt;
            }
            printf("vk_triad %d thread(s)         : %7.1f GB/s\n", t, 3.0 * 4.0 * (double)n / best * 1e-9);
        }
        free(a); free(b); free(c);
    }
    /* Conv 56x56x64 -> 64, k3 s1 p1 */
    {
        int cin = 64, cout = 64, h = 56, w = 56, k = 3;
        size_t nin = (size_t)cin * h * w, nw = (size_t)cout * cin * k * k, nout = (size_t)cout * h * w;
        float *in = alloc_f(nin), *wt = alloc_f(nw), *b = alloc_f((size_t)cout), *out = alloc_f(nout);
        float *ref = alloc_f(nout);
        float *ws = alloc_f(vk_conv2d_workspace_floats(cin, h, w, k, 1, 1, 1));
        vk_fill_random(in, nin, 81);
        vk_fill_random(wt, nw, 82);
        vk_fill_random(b, (size_t)cout, 83);
        vk_ref_conv2d(in, cin, h, w, wt, b, ref, cout, k, 1, 1, 1, VK_ACT_RELU);
        double flops = 2.0 * cout * cin * k * k * h * w;
        for (int t = 1; t <= 2; t++) {
            vk_set_threads(t);
            vk_conv2d(in, cin, h, w, wt, b, out, cout, k, 1, 1, 1, VK_ACT_RELU, ws);
            check_close(out, ref, nout, "conv2d 56x56x64->64 k3", "bench");
            double best = 1e30;
            for (int r = 0; r < 10; r++) {
                double t0 = now_s();
                vk_conv2d(in, cin, h, w, wt, b, out, cout, k, 1, 1, 1, VK_ACT_RELU, ws);
                double dt = now_s() - t0;
                if (dt < best) best = dt;
            }
            printf("vk_conv2d 56x56x64->64 k3 %d thr: %6.1f GFLOP/s (%.3f ms)\n", t, flops / best * 1e-9,
                   best * 1e3);
        }
        /* Pointwise 1x1 56x56x64 -> 64 (direct sgemm) and depthwise 3x3 for reference. */
        float *wt1 = alloc_f((size_t)cout * cin);
        vk_fill_random(wt1, (size_t)cout * cin, 84);
        for (int t = 1; t <= 2; t++) {
            vk_set_threads(t);
            double best = 1e30, bestdw = 1e30;
            for (int r = 0; r < 10; r++) {
                double t0 = now_s();
                vk_conv2d(in, cin, h, w, wt1, b, out, cout, 1, 1, 0, 1, VK_ACT_RELU, NULL);
                double dt = now_s() - t0;
                if (dt < best) best = dt;
                t0 = now_s();
                vk_depthwise_conv2d(in, cin, h, w, wt, b, out, 3, 1, 1, VK_ACT_RELU6);
                dt = now_s() - t0;
                if (dt < bestdw) bestdw = dt;
            }
            printf("vk_conv2d 1x1 56x56x64->64 %d thr: %5.1f GFLOP/s (%.3f ms)\n", t,
                   2.0 * cout * cin * h * w / best * 1e-9, best * 1e3);
            printf("vk_depthwise 3x3 56x56x64 %d thr : %5.1f GFLOP/s (%.3f ms)\n", t,
                   2.0 * cin * 9 * h * w / bestdw * 1e-9, bestdw * 1e3);
        }
        vk_set_threads(1);
        free(in); free(wt); free(wt1); free(b); free(out); free(ref); free(ws);
    }
}

int main(int argc, char **argv) {
    int quick = argc > 1 && strcmp(argv[1], "--quick") == 0;

    check(vk_get_threads() == 1, "default thread count is 1 (got %d)", vk_get_threads());
    test_roofline_and_misc();

    static const int thread_seq[] = { 1, 2, 3, 1, 2 };
    for (size_t i = 0; i < sizeof thread_seq / sizeof thread_seq[0]; i++) {
        int t = thread_seq[i];
        if (quick && i >= 2) break;
        vk_set_threads(t);
        check(vk_get_threads() == t, "vk_get_threads after vk_set_threads(%d) = %d", t, vk_get_threads());
        int before = g_failures;
        double t0 = now_s();
        run_all_kernel_tests();
        printf("kernel tests with %d thread(s): %s (%.2f s)\n", t, g_failures == before ? "ok" : "FAILED",
               now_s() - t0);
    }
    vk_set_threads(0);
    check(vk_get_threads() == 1, "vk_set_threads(0) clamps to 1");

    if (!quick) bench();

    printf("\n%d checks, %d failures\n", g_checks, g_failures);
    return g_failures == 0 ? 0 : 1;
}

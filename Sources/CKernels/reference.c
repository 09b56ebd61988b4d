/* Naive reference implementations used to validate the optimised kernels:
 * single-threaded, no BLAS, literal loops over the definition. */
#include "vk_internal.h"

void vk_ref_conv2d(const float *in, int cin, int h, int w, const float *weight, const float *bias,
                   float *out, int cout, int k, int stride, int pad, int groups, vk_activation act) {
    if (groups < 1) groups = 1;
    const int oh = vk_conv_out_dim(h, k, stride, pad), ow = vk_conv_out_dim(w, k, stride, pad);
    if (oh <= 0 || ow <= 0 || cin % groups || cout % groups) return;
    const int cin_g = cin / groups, cout_g = cout / groups;
    for (int co = 0; co < cout; co++) {
        const int g = co / cout_g;
        for (int oy = 0; oy < oh; oy++) {
            for (int ox = 0; ox < ow; ox++) {
                double acc = bias ? (double)bias[co] : 0.0;
                for (int cig = 0; cig < cin_g; cig++) {
                    const int ci = g * cin_g + cig;
                    for (int ky = 0; ky < k; ky++) {
                        const int iy = oy * stride - pad + ky;
                        if (iy < 0 || iy >= h) continue;
                        for (int kx = 0; kx < k; kx++) {
                            const int ix = ox * stride - pad + kx;
                            if (ix < 0 || ix >= w) continue;
                            const float x = in[((size_t)ci * h + iy) * w + ix];
                            const float wt = weight[(((size_t)co * cin_g + cig) * k + ky) * k + kx];
                            acc += (double)x * (double)wt;
                        }
                    }
                }
                out[((size_t)co * oh + oy) * ow + ox] = vk_act_scalar((float)acc, act);
            }
        }
    }
}

void vk_ref_pool2d(const float *in, int c, int h, int w, float *out, int k, int stride, int pad,
                   int is_max) {
    const int oh = vk_conv_out_dim(h, k, stride, pad), ow = vk_conv_out_dim(w, k, stride, pad);
    if (oh <= 0 || ow <= 0) return;
    for (int ch = 0; ch < c; ch++) {
        for (int oy = 0; oy < oh; oy++) {
            for (int ox = 0; ox < ow; ox++) {
                int count = 0;
                double sum = 0.0;
                float mx = -INFINITY;
                for (int ky = 0; ky < k; ky++) {
                    const int iy = oy * stride - pad + ky;
                    if (iy < 0 || iy >= h) continue;
                    for (int kx = 0; kx < k; kx++) {
                        const int ix = ox * stride - pad + kx;
                        if (ix < 0 || ix >= w) continue;
                        const float v = in[((size_t)ch * h + iy) * w + ix];
                        count++;
                        sum += v;
                        if (v > mx) mx = v;
                    }
                }
                float r;
                if (count == 0) r = 0.0f;
                else if (is_max) r = mx;
                else r = (float)(sum / count);
                out[((size_t)ch * oh + oy) * ow + ox] = r;
            }
        }
    }
}

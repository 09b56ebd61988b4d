/* Roofline microkernels: FMA compute peak and STREAM triad bandwidth. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include "vk_internal.h"

#include <pthread.h>
#include <stdlib.h>

#if VK_X86
#include <immintrin.h>
#endif

/* Consumes kernel results so the loops cannot be removed (thread-local so
 * concurrent kernels do not race on it). */
static _Thread_local volatile float t_sink;

/* Multiplier slightly below 1 and a small addend keep every chain bounded
 * (converging to addend / (1 - mul)) and far from denormals.  Loaded from
 * volatiles so the compiler cannot constant-fold anything. */
static volatile float g_fma_mul = 0.99999994f;
static volatile float g_fma_add = 1.0e-7f;

#define VK_FMA_ACCS 12
#define VK_FMA_LANES 8

#if VK_X86
VK_TARGET_AVX2 static float fma_peak_avx2(long iterations) {
    const __m256 m = _mm256_set1_ps(g_fma_mul);
    const __m256 a = _mm256_set1_ps(g_fma_add);
    __m256 c0 = _mm256_set1_ps(0.01f), c1 = _mm256_set1_ps(0.02f), c2 = _mm256_set1_ps(0.03f);
    __m256 c3 = _mm256_set1_ps(0.04f), c4 = _mm256_set1_ps(0.05f), c5 = _mm256_set1_ps(0.06f);
    __m256 c6 = _mm256_set1_ps(0.07f), c7 = _mm256_set1_ps(0.08f), c8 = _mm256_set1_ps(0.09f);
    __m256 c9 = _mm256_set1_ps(0.10f), c10 = _mm256_set1_ps(0.11f), c11 = _mm256_set1_ps(0.12f);
    for (long i = 0; i < iterations; i++) {
        c0 = _mm256_fmadd_ps(c0, m, a);
        c1 = _mm256_fmadd_ps(c1, m, a);
        c2 = _mm256_fmadd_ps(c2, m, a);
        c3 = _mm256_fmadd_ps(c3, m, a);
        c4 = _mm256_fmadd_ps(c4, m, a);
        c5 = _mm256_fmadd_ps(c5, m, a);
        c6 = _mm256_fmadd_ps(c6, m, a);
        c7 = _mm256_fmadd_ps(c7, m, a);
        c8 = _mm256_fmadd_ps(c8, m, a);
        c9 = _mm256_fmadd_ps(c9, m, a);
        c10 = _mm256_fmadd_ps(c10, m, a);
        c11 = _mm256_fmadd_ps(c11, m, a);
    }
    __m256 s = _mm256_add_ps(_mm256_add_ps(_mm256_add_ps(c0, c1), _mm256_add_ps(c2, c3)),
                             _mm256_add_ps(_mm256_add_ps(c4, c5), _mm256_add_ps(c6, c7)));
    s = _mm256_add_ps(s, _mm256_add_ps(_mm256_add_ps(c8, c9), _mm256_add_ps(c10, c11)));
    float lanes[8];
    _mm256_storeu_ps(lanes, s);
    return lanes[0] + lanes[1] + lanes[2] + lanes[3] + lanes[4] + lanes[5] + lanes[6] + lanes[7];
}

/* The same chains on 16-lane ZMM registers: twice the work per iteration, so
 * an AVX-512 machine's peak is not read as its AVX2 half. */
VK_TARGET_AVX512 static float fma_peak_avx512(long iterations) {
    const __m512 m = _mm512_set1_ps(g_fma_mul);
    const __m512 a = _mm512_set1_ps(g_fma_add);
    __m512 c0 = _mm512_set1_ps(0.01f), c1 = _mm512_set1_ps(0.02f), c2 = _mm512_set1_ps(0.03f);
    __m512 c3 = _mm512_set1_ps(0.04f), c4 = _mm512_set1_ps(0.05f), c5 = _mm512_set1_ps(0.06f);
    __m512 c6 = _mm512_set1_ps(0.07f), c7 = _mm512_set1_ps(0.08f), c8 = _mm512_set1_ps(0.09f);
    __m512 c9 = _mm512_set1_ps(0.10f), c10 = _mm512_set1_ps(0.11f), c11 = _mm512_set1_ps(0.12f);
    for (long i = 0; i < iterations; i++) {
        c0 = _mm512_fmadd_ps(c0, m, a);
        c1 = _mm512_fmadd_ps(c1, m, a);
        c2 = _mm512_fmadd_ps(c2, m, a);
        c3 = _mm512_fmadd_ps(c3, m, a);
        c4 = _mm512_fmadd_ps(c4, m, a);
        c5 = _mm512_fmadd_ps(c5, m, a);
        c6 = _mm512_fmadd_ps(c6, m, a);
        c7 = _mm512_fmadd_ps(c7, m, a);
        c8 = _mm512_fmadd_ps(c8, m, a);
        c9 = _mm512_fmadd_ps(c9, m, a);
        c10 = _mm512_fmadd_ps(c10, m, a);
        c11 = _mm512_fmadd_ps(c11, m, a);
    }
    __m512 s = _mm512_add_ps(_mm512_add_ps(_mm512_add_ps(c0, c1), _mm512_add_ps(c2, c3)),
                             _mm512_add_ps(_mm512_add_ps(c4, c5), _mm512_add_ps(c6, c7)));
    s = _mm512_add_ps(s, _mm512_add_ps(_mm512_add_ps(c8, c9), _mm512_add_ps(c10, c11)));
    return _mm512_reduce_add_ps(s);
}
#endif

double vk_fma_peak_flops_per_iteration(void) {
#if VK_X86
    if (vk_cpu_has_avx512f()) return 2.0 * VK_FMA_PEAK_FLOPS_PER_ITERATION;
#endif
    return (double)VK_FMA_PEAK_FLOPS_PER_ITERATION;
}

const char *vk_fma_peak_isa(void) {
#if VK_X86
    if (vk_cpu_has_avx512f()) return "avx512f";
    if (vk_cpu_has_avx2_fma()) return "avx2+fma";
#endif
    return "scalar";
}

/* Portable fallback with the same operation count (one multiply and one add
 * per lane per accumulator per iteration). */
static float fma_peak_generic(long iterations) {
    const float m = g_fma_mul, a = g_fma_add;
    float acc[VK_FMA_ACCS][VK_FMA_LANES];
    for (int j = 0; j < VK_FMA_ACCS; j++)
        for (int l = 0; l < VK_FMA_LANES; l++) acc[j][l] = 0.01f * (float)(j + 1);
    for (long i = 0; i < iterations; i++)
        for (int j = 0; j < VK_FMA_ACCS; j++)
            for (int l = 0; l < VK_FMA_LANES; l++) acc[j][l] = acc[j][l] * m + a;
    float s = 0.0f;
    for (int j = 0; j < VK_FMA_ACCS; j++)
        for (int l = 0; l < VK_FMA_LANES; l++) s += acc[j][l];
    return s;
}

double vk_fma_peak_kernel(long iterations) {
    if (iterations <= 0) return 0.0;
    float r;
#if VK_X86
    if (vk_cpu_has_avx512f()) r = fma_peak_avx512(iterations);
    else if (vk_cpu_has_avx2_fma()) r = fma_peak_avx2(iterations);
    else r = fma_peak_generic(iterations);
#else
    r = fma_peak_generic(iterations);
#endif
    t_sink = r;
    return (double)iterations * vk_fma_peak_flops_per_iteration();
}

/* ------------------------------------------------------------------------ */
/* Simple portable barrier (pthread_barrier_t is missing on macOS)          */
/* ------------------------------------------------------------------------ */

typedef struct {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int count, waiting;
    unsigned long phase;
} vk_barrier;

static void barrier_init(vk_barrier *b, int count) {
    pthread_mutex_init(&b->mu, NULL);
    pthread_cond_init(&b->cv, NULL);
    b->count = count;
    b->waiting = 0;
    b->phase = 0;
}

static void barrier_destroy(vk_barrier *b) {
    pthread_cond_destroy(&b->cv);
    pthread_mutex_destroy(&b->mu);
}

static void barrier_wait(vk_barrier *b) {
    pthread_mutex_lock(&b->mu);
    unsigned long phase = b->phase;
    if (++b->waiting >= b->count) {
        b->waiting = 0;
        b->phase++;
        pthread_cond_broadcast(&b->cv);
    } else {
        while (b->phase == phase) pthread_cond_wait(&b->cv, &b->mu);
    }
    pthread_mutex_unlock(&b->mu);
}

/* Runs body(arg, i) for i in [0, threads) on threads-1 new pthreads plus the
 * caller (index 0), all released together by a barrier.  Returns the number
 * of participants that ran. */
typedef void (*team_body)(void *arg, int index);

typedef struct {
    vk_barrier *barrier;
    team_body body;
    void *arg;
    int index;
} team_member;

static void *team_main(void *p) {
    team_member *m = (team_member *)p;
    barrier_wait(m->barrier);
    m->body(m->arg, m->index);
    return NULL;
}

static int run_team(int threads, team_body body, void *arg) {
    if (threads <= 1) {
        body(arg, 0);
        return 1;
    }
    pthread_t *tids = (pthread_t *)calloc((size_t)threads, sizeof(pthread_t));
    team_member *members = (team_member *)calloc((size_t)threads, sizeof(team_member));
    if (!tids || !members) {
        free(tids);
        free(members);
        body(arg, 0);
        return 1;
    }
    /* The barrier counts the caller plus every thread; if a pthread_create
     * fails the count is lowered to the threads that exist. */
    vk_barrier barrier;
    barrier_init(&barrier, threads);
    int created = 0;
    for (int i = 1; i < threads; i++) {
        members[i].barrier = &barrier;
        members[i].body = body;
        members[i].arg = arg;
        members[i].index = i;
        if (pthread_create(&tids[i], NULL, team_main, &members[i]) != 0) break;
        created++;
    }
    if (created < threads - 1) {
        /* Shrink the barrier so the created threads are not stuck forever. */
        pthread_mutex_lock(&barrier.mu);
        barrier.count = created + 1;
        pthread_mutex_unlock(&barrier.mu);
    }
    barrier_wait(&barrier);
    body(arg, 0);
    for (int i = 1; i <= created; i++) pthread_join(tids[i], NULL);
    barrier_destroy(&barrier);
    free(tids);
    free(members);
    return created + 1;
}

/* ------------------------------------------------------------------------ */
/* Parallel FMA peak                                                         */
/* ------------------------------------------------------------------------ */

static void fma_team_body(void *arg, int index) {
    (void)index;
    vk_fma_peak_kernel(*(const long *)arg);
}

double vk_fma_peak_parallel(long iterations, int threads) {
    if (iterations <= 0) return 0.0;
    if (threads < 1) threads = 1;
    int ran = run_team(threads, fma_team_body, &iterations);
    return (double)ran * (double)iterations * vk_fma_peak_flops_per_iteration();
}

/* ------------------------------------------------------------------------ */
/* STREAM triad                                                              */
/* ------------------------------------------------------------------------ */

VK_INLINE void triad_body(float *restrict a, const float *restrict b, const float *restrict c, float s,
                          size_t n) {
    for (size_t i = 0; i < n; i++) a[i] = b[i] + s * c[i];
}

#if VK_X86
VK_TARGET_AVX2 static void triad_avx2(float *a, const float *b, const float *c, float s, size_t n) {
    const __m256 vs = _mm256_set1_ps(s);
    size_t i = 0;
    for (; i + 32 <= n; i += 32) {
        _mm256_storeu_ps(a + i, _mm256_fmadd_ps(vs, _mm256_loadu_ps(c + i), _mm256_loadu_ps(b + i)));
        _mm256_storeu_ps(a + i + 8, _mm256_fmadd_ps(vs, _mm256_loadu_ps(c + i + 8), _mm256_loadu_ps(b + i + 8)));
        _mm256_storeu_ps(a + i + 16, _mm256_fmadd_ps(vs, _mm256_loadu_ps(c + i + 16), _mm256_loadu_ps(b + i + 16)));
        _mm256_storeu_ps(a + i + 24, _mm256_fmadd_ps(vs, _mm256_loadu_ps(c + i + 24), _mm256_loadu_ps(b + i + 24)));
    }
    for (; i + 8 <= n; i += 8)
        _mm256_storeu_ps(a + i, _mm256_fmadd_ps(vs, _mm256_loadu_ps(c + i), _mm256_loadu_ps(b + i)));
    for (; i < n; i++) a[i] = b[i] + s * c[i];
}
#endif
static void triad_generic(float *a, const float *b, const float *c, float s, size_t n) {
    triad_body(a, b, c, s, n);
}

static void triad_dispatch(float *a, const float *b, const float *c, float s, size_t n) {
#if VK_X86
    if (vk_cpu_has_avx2_fma()) { triad_avx2(a, b, c, s, n); return; }
#endif
    triad_generic(a, b, c, s, n);
}

typedef struct {
    float *a;
    const float *b, *c;
    float s;
    size_t n;
    int threads;
} triad_ctx;

static void triad_team_body(void *arg, int index) {
    const triad_ctx *t = (const triad_ctx *)arg;
    /* Slices are multiples of 16 floats (64-byte cache lines) except the last. */
    size_t per = (t->n + (size_t)t->threads - 1) / (size_t)t->threads;
    per = (per + 15) & ~(size_t)15;
    size_t start = per * (size_t)index;
    if (start >= t->n) return;
    size_t len = t->n - start < per ? t->n - start : per;
    triad_dispatch(t->a + start, t->b + start, t->c + start, t->s, len);
}

void vk_triad(float *a, const float *b, const float *c, float s, size_t n, int threads) {
    if (n == 0) return;
    if (threads <= 1) {
        triad_dispatch(a, b, c, s, n);
        return;
    }
    triad_ctx t = { a, b, c, s, n, threads };
    int ran = run_team(threads, triad_team_body, &t);
    if (ran < threads) {
        /* Some threads could not be created: finish their slices here. */
        for (int i = ran; i < threads; i++) triad_team_body(&t, i);
    }
}

/* Persistent pthread pool, thread-count management, CPU feature detection
 * and the shared activation row helpers. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include "vk_internal.h"

#include <cblas.h>
#include <pthread.h>
#include <sched.h>
#include <unistd.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>

#if VK_X86
#include <cpuid.h>
#endif

/* ------------------------------------------------------------------------ */
/* CPU features                                                              */
/* ------------------------------------------------------------------------ */

/* -1 = not yet probed, 0 = no, 1 = yes.  Probing is idempotent, so a racy
 * double probe is harmless; the atomic keeps it data-race free. */
static atomic_int g_avx2_fma = -1;

static int probe_avx2_fma(void) {
#if VK_X86
    /* Test hook: force the portable code paths. */
    const char *off = getenv("VK_DISABLE_AVX2");
    if (off && off[0] && off[0] != '0') return 0;
    unsigned int eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return 0;
    const unsigned int fma = 1u << 12, osxsave = 1u << 27, avx = 1u << 28;
    if ((ecx & (fma | osxsave | avx)) != (fma | osxsave | avx)) return 0;
    /* The OS must save/restore XMM and YMM state. */
    unsigned int xcr0_lo, xcr0_hi;
    __asm__ volatile("xgetbv" : "=a"(xcr0_lo), "=d"(xcr0_hi) : "c"(0));
    (void)xcr0_hi;
    if ((xcr0_lo & 0x6u) != 0x6u) return 0;
    if (__get_cpuid_max(0, NULL) < 7) return 0;
    __cpuid_count(7, 0, eax, ebx, ecx, edx);
    return (ebx & (1u << 5)) ? 1 : 0; /* AVX2 */
#else
    return 0;
#endif
}

static atomic_int g_avx512f = -1;

/* AVX-512 Foundation with the OS saving opmask and ZMM state (XCR0 bits 5-7
 * besides XMM/YMM); only on top of AVX2+FMA.  VK_DISABLE_AVX512=1 forces the
 * AVX2 paths (and VK_DISABLE_AVX2 both). */
static int probe_avx512f(void) {
#if VK_X86
    const char *off = getenv("VK_DISABLE_AVX512");
    if (off && off[0] && off[0] != '0') return 0;
    if (!vk_cpu_has_avx2_fma()) return 0;
    unsigned int eax, ebx, ecx, edx;
    unsigned int xcr0_lo, xcr0_hi;
    __asm__ volatile("xgetbv" : "=a"(xcr0_lo), "=d"(xcr0_hi) : "c"(0));
    (void)xcr0_hi;
    if ((xcr0_lo & 0xE6u) != 0xE6u) return 0;
    __cpuid_count(7, 0, eax, ebx, ecx, edx);
    return (ebx & (1u << 16)) ? 1 : 0; /* AVX512F */
#else
    return 0;
#endif
}

/* The answer of `probe`, probed once and kept in `slot`. */
static int cached_probe(atomic_int *slot, int (*probe)(void)) {
    int v = atomic_load_explicit(slot, memory_order_relaxed);
    if (v < 0) {
        v = probe();
        atomic_store_explicit(slot, v, memory_order_relaxed);
    }
    return v;
}

int vk_cpu_has_avx512f(void) { return cached_probe(&g_avx512f, probe_avx512f); }

int vk_cpu_has_avx2_fma(void) { return cached_probe(&g_avx2_fma, probe_avx2_fma); }

/* ------------------------------------------------------------------------ */
/* Activation rows                                                           */
/* ------------------------------------------------------------------------ */

#if VK_X86
VK_TARGET_AVX2 static void bias_act_avx2(float *x, size_t n, float bias, vk_activation act) {
    if (act == VK_ACT_SIGMOID) {
        for (size_t i = 0; i < n; i++) x[i] = vk_act_scalar(x[i] + bias, act);
        return;
    }
    const __m256 vb = _mm256_set1_ps(bias);
    size_t i = 0;
    switch (act) { /* hoisted so each loop is branch-free */
#define VK_BIAS_ACT_LOOP(A)                                                                    \
    for (; i + 8 <= n; i += 8) _mm256_storeu_ps(x + i, vk_act_m256(_mm256_add_ps(_mm256_loadu_ps(x + i), vb), A)); \
    break;
    case VK_ACT_RELU: VK_BIAS_ACT_LOOP(VK_ACT_RELU)
    case VK_ACT_RELU6: VK_BIAS_ACT_LOOP(VK_ACT_RELU6)
    case VK_ACT_HSWISH: VK_BIAS_ACT_LOOP(VK_ACT_HSWISH)
    case VK_ACT_HSIGMOID: VK_BIAS_ACT_LOOP(VK_ACT_HSIGMOID)
    default: VK_BIAS_ACT_LOOP(VK_ACT_NONE)
#undef VK_BIAS_ACT_LOOP
    }
    for (; i < n; i++) x[i] = vk_act_scalar(x[i] + bias, act);
}
#endif
static void bias_act_generic(float *x, size_t n, float bias, vk_activation act) {
    vk_bias_act_body(x, n, bias, act);
}

void vk_bias_act_row(float *x, size_t n, float bias, vk_activation act) {
    if (act == VK_ACT_NONE && bias == 0.0f) return;
#if VK_X86
    if (vk_cpu_has_avx2_fma()) { bias_act_avx2(x, n, bias, act); return; }
#endif
    bias_act_generic(x, n, bias, act);
}

void vk_act_row(float *x, size_t n, vk_activation act) {
    if (act == VK_ACT_NONE) return;
    vk_bias_act_row(x, n, 0.0f, act);
}

/* ------------------------------------------------------------------------ */
/* Thread pool                                                               */
/* ------------------------------------------------------------------------ */

#define VK_MAX_THREADS 256

typedef void (*vk_task_fn)(void *ctx, int task);

typedef struct {
    pthread_mutex_t mu;       /* protects everything below except `next` */
    pthread_cond_t work_cv;   /* workers wait here for a new generation */
    pthread_cond_t done_cv;   /* dispatcher waits here for pending == 0 */
    pthread_t *workers;
    int n_workers;
    unsigned long generation; /* bumped once per parallel_for */
    int shutdown;
    vk_task_fn fn;
    void *ctx;
    int n_tasks;
    int pending;              /* workers that have not finished this generation */
    atomic_int next;          /* next task index to claim */
} vk_pool;

static vk_pool g_pool = {
    .mu = PTHREAD_MUTEX_INITIALIZER,
    .work_cv = PTHREAD_COND_INITIALIZER,
    .done_cv = PTHREAD_COND_INITIALIZER,
};

/* Serialises dispatches and resizes: one parallel_for at a time. */
static pthread_mutex_t g_dispatch = PTHREAD_MUTEX_INITIALIZER;
static atomic_int g_threads = 1;
/* Set while the current thread executes pool tasks (workers always; the
 * dispatching thread during its own share).  Nested calls run inline. */
static _Thread_local int t_in_pool = 0;

static void run_tasks(vk_task_fn fn, void *ctx, int n) {
    for (;;) {
        int t = atomic_fetch_add_explicit(&g_pool.next, 1, memory_order_relaxed);
        if (t >= n) break;
        fn(ctx, t);
    }
}

static void *worker_main(void *arg) {
    unsigned long seen = (unsigned long)(uintptr_t)arg;
    t_in_pool = 1;
    pthread_mutex_lock(&g_pool.mu);
    for (;;) {
        while (g_pool.generation == seen && !g_pool.shutdown)
            pthread_cond_wait(&g_pool.work_cv, &g_pool.mu);
        if (g_pool.shutdown) break;
        seen = g_pool.generation;
        vk_task_fn fn = g_pool.fn;
        void *ctx = g_pool.ctx;
        int n = g_pool.n_tasks;
        pthread_mutex_unlock(&g_pool.mu);

        run_tasks(fn, ctx, n);

        pthread_mutex_lock(&g_pool.mu);
        if (--g_pool.pending == 0) pthread_cond_signal(&g_pool.done_cv);
    }
    pthread_mutex_unlock(&g_pool.mu);
    return NULL;
}

/* Caller holds g_dispatch. */
static void pool_stop_locked(void) {
    if (g_pool.n_workers == 0) return;
    pthread_mutex_lock(&g_pool.mu);
    g_pool.shutdown = 1;
    pthread_cond_broadcast(&g_pool.work_cv);
    pthread_mutex_unlock(&g_pool.mu);
    for (int i = 0; i < g_pool.n_workers; i++) pthread_join(g_pool.workers[i], NULL);
    free(g_pool.workers);
    g_pool.workers = NULL;
    pthread_mutex_lock(&g_pool.mu);
    g_pool.n_workers = 0;
    g_pool.shutdown = 0;
    pthread_mutex_unlock(&g_pool.mu);
}

/* Caller holds g_dispatch and the pool is stopped. */
static void pool_start_locked(int n_workers) {
    if (n_workers <= 0) return;
    g_pool.workers = (pthread_t *)calloc((size_t)n_workers, sizeof(pthread_t));
    if (!g_pool.workers) return;
    pthread_mutex_lock(&g_pool.mu);
    unsigned long gen = g_pool.generation;
    pthread_mutex_unlock(&g_pool.mu);
    int created = 0;
    for (int i = 0; i < n_workers; i++) {
        if (pthread_create(&g_pool.workers[i], NULL, worker_main, (void *)(uintptr_t)gen) != 0) break;
        /* Worker i runs on CPU i+1 (the caller is pinned to CPU 0 by vk_pin_current_thread). */
        long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
        if (ncpu > 1) {
            cpu_set_t set;
            CPU_ZERO(&set);
            CPU_SET((int)((i + 1) % ncpu), &set);
            pthread_setaffinity_np(g_pool.workers[i], sizeof(set), &set);
        }
        created++;
    }
    pthread_mutex_lock(&g_pool.mu);
    g_pool.n_workers = created;
    pthread_mutex_unlock(&g_pool.mu);
    if (created == 0) { free(g_pool.workers); g_pool.workers = NULL; }
}

static pthread_once_t g_blas_once = PTHREAD_ONCE_INIT;
static void blas_init_impl(void) {
    openblas_set_num_threads(atomic_load(&g_threads));
}
void vk_blas_init(void) { pthread_once(&g_blas_once, blas_init_impl); }

int vk_pin_current_thread(int cpu) {
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    if (cpu < 0 || ncpu <= 0 || cpu >= ncpu) return -1;
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    return pthread_setaffinity_np(pthread_self(), sizeof(set), &set) == 0 ? 0 : -1;
}

void vk_set_threads(int n) {
    if (n < 1) n = 1;
    if (n > VK_MAX_THREADS) n = VK_MAX_THREADS;
    vk_blas_init();
    pthread_mutex_lock(&g_dispatch);
    if (g_pool.n_workers != n - 1) {
        pool_stop_locked();
        pool_start_locked(n - 1);
    }
    atomic_store(&g_threads, g_pool.n_workers + 1);
    pthread_mutex_unlock(&g_dispatch);
    openblas_set_num_threads(n);
}

int vk_get_threads(void) { return atomic_load(&g_threads); }

void vk_parallel_for(int n_tasks, void (*fn)(void *ctx, int task), void *ctx) {
    if (n_tasks <= 0) return;
    if (n_tasks == 1 || t_in_pool || atomic_load_explicit(&g_threads, memory_order_relaxed) <= 1) {
        for (int t = 0; t < n_tasks; t++) fn(ctx, t);
        return;
    }
    pthread_mutex_lock(&g_dispatch);
    if (g_pool.n_workers == 0) {
        pthread_mutex_unlock(&g_dispatch);
        for (int t = 0; t < n_tasks; t++) fn(ctx, t);
        return;
    }
    pthread_mutex_lock(&g_pool.mu);
    g_pool.fn = fn;
    g_pool.ctx = ctx;
    g_pool.n_tasks = n_tasks;
    atomic_store_explicit(&g_pool.next, 0, memory_order_relaxed);
    g_pool.pending = g_pool.n_workers;
    g_pool.generation++;
    pthread_cond_broadcast(&g_pool.work_cv);
    pthread_mutex_unlock(&g_pool.mu);

    t_in_pool = 1;
    run_tasks(fn, ctx, n_tasks);
    t_in_pool = 0;

    pthread_mutex_lock(&g_pool.mu);
    while (g_pool.pending > 0) pthread_cond_wait(&g_pool.done_cv, &g_pool.mu);
    pthread_mutex_unlock(&g_pool.mu);
    pthread_mutex_unlock(&g_dispatch);
}

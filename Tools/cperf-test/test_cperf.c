/*
 * Standalone test for the CPerf C layer (no Swift needed).
 *
 *   gcc -O2 -std=c11 -Wall -Wextra -I Sources/CPerf/include \
 *       Sources/CPerf/perf.c Tools/cperf-test/test_cperf.c -lpfm -lpthread \
 *       -o /tmp/test_cperf && /tmp/test_cperf
 *
 * Works with and without a hardware PMU: on a VM without one the hardware
 * events must be reported unavailable (with errno + reason) while software
 * events are counted. Exits non-zero on any failed check.
 */
#define _GNU_SOURCE
#include "CPerf.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int g_failures = 0;
static int g_checks = 0;

#define CHECK(cond, ...)                                                     \
    do {                                                                     \
        g_checks++;                                                          \
        if (!(cond)) {                                                       \
            g_failures++;                                                    \
            fprintf(stderr, "FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond);  \
            fprintf(stderr, __VA_ARGS__);                                    \
            fputc('\n', stderr);                                             \
        }                                                                    \
    } while (0)

/* ------------------------------------------------------------------------ */
/* workload                                                                 */
/* ------------------------------------------------------------------------ */

static uint64_t thread_cpu_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static volatile double g_sink;

/* Touch `mib` MiB of fresh heap memory, run a compute loop, and sleep a few
 * times (to force voluntary context switches). */
static void workload(size_t mib, long iters, int sleeps)
{
    size_t len = mib * 1024 * 1024;
    if (len > 0) {
        volatile unsigned char *p = malloc(len);
        if (p == NULL) {
            fprintf(stderr, "malloc(%zu) failed\n", len);
            exit(2);
        }
        for (size_t i = 0; i < len; i += 4096)
            p[i] = (unsigned char)i;
        free((void *)p);
    }
    double acc = 1.0;
    for (long i = 0; i < iters; i++)
        acc = acc * 1.0000001 + (double)(i & 7) * 1e-9;
    g_sink = acc;
    for (int i = 0; i < sleeps; i++) {
        struct timespec ts = {0, 1000000}; /* 1 ms */
        nanosleep(&ts, NULL);
    }
}

typedef struct {
    uint64_t cpu_ns;
} thread_result;

static void *thread_main(void *arg)
{
    thread_result *r = arg;
    uint64_t t0 = thread_cpu_ns();
    workload(64, 60L * 1000 * 1000, 3);
    r->cpu_ns = thread_cpu_ns() - t0;
    return NULL;
}

static uint64_t run_in_thread(void)
{
    pthread_t t;
    thread_result r = {0};
    if (pthread_create(&t, NULL, thread_main, &r) != 0) {
        fprintf(stderr, "pthread_create failed\n");
        exit(2);
    }
    pthread_join(t, NULL);
    return r.cpu_ns;
}

static int count_open_fds(void)
{
    DIR *d = opendir("/proc/self/fd");
    if (d == NULL)
        return -1;
    int n = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL)
        if (de->d_name[0] != '.')
            n++;
    closedir(d);
    return n;
}

static int find_index(const char *const *names, int count, const char *name)
{
    for (int i = 0; i < count; i++)
        if (names[i] != NULL && strcmp(names[i], name) == 0)
            return i;
    return -1;
}

static int has_sysfs_cpu_pmu(void)
{
    const char *paths[] = {"/sys/bus/event_source/devices/cpu",
                           "/sys/bus/event_source/devices/cpu_core",
                           "/sys/bus/event_source/devices/cpu_atom"};
    for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
        if (access(paths[i], F_OK) == 0)
            return 1;
    return 0;
}

static void print_status(const vp_event_status *st, int count)
{
    for (int i = 0; i < count; i++) {
        if (st[i].available)
            printf("    %-20s available\n", st[i].name);
        else
            printf("    %-20s UNAVAILABLE errno=%d (%s) reason=\"%s\"\n",
                   st[i].name, st[i].error_errno,
                   vp_errno_name(st[i].error_errno), st[i].reason);
    }
}

static void print_values(const char *label, const char *const *names,
                         const uint64_t *v, const int *valid, int count)
{
    printf("  %s:\n", label);
    for (int i = 0; i < count; i++)
        printf("    %-20s %s %llu\n", names[i] ? names[i] : "(null)",
               valid[i] ? "valid  " : "invalid", (unsigned long long)v[i]);
}

/* ------------------------------------------------------------------------ */
/* tests                                                                    */
/* ------------------------------------------------------------------------ */

static void test_helpers(void)
{
    printf("== helpers\n");
    char err[256] = "x";
    int r = vp_initialize(err, sizeof(err));
    CHECK(r == 0, "vp_initialize -> %d: %s", r, err);
    CHECK(err[0] == '\0', "err not cleared: %s", err);
    CHECK(vp_initialize(NULL, 0) == 0, "second vp_initialize");

    int par = vp_perf_event_paranoid();
    printf("  perf_event_paranoid=%d euid=%d kernel_counting_allowed=%d\n",
           par, (int)geteuid(), vp_kernel_counting_allowed());
    CHECK(par != -100, "perf_event_paranoid unreadable");

    CHECK(strcmp(vp_errno_name(ENOENT), "ENOENT") == 0, "ENOENT");
    CHECK(strcmp(vp_errno_name(EACCES), "EACCES") == 0, "EACCES");
    CHECK(strcmp(vp_errno_name(EINVAL), "EINVAL") == 0, "EINVAL");
    CHECK(strcmp(vp_errno_name(EOPNOTSUPP), "EOPNOTSUPP") == 0, "EOPNOTSUPP");
    CHECK(strcmp(vp_errno_name(ENODEV), "ENODEV") == 0, "ENODEV");
    CHECK(strcmp(vp_errno_name(EMFILE), "EMFILE") == 0, "EMFILE");
    CHECK(strcmp(vp_errno_name(E2BIG), "E2BIG") == 0, "E2BIG");
    CHECK(strcmp(vp_errno_name(EBUSY), "EBUSY") == 0, "EBUSY");
    CHECK(strcmp(vp_errno_name(-EPERM), "EPERM") == 0, "-EPERM");
    CHECK(strcmp(vp_errno_name(0), "OK") == 0, "0");
    CHECK(strcmp(vp_errno_name(99999), "EUNKNOWN") == 0, "unknown");

    int ok = -1;
    CHECK(vp_scale_count(1000, 200, 100, &ok) == 2000 && ok == 1, "scale x2");
    CHECK(vp_scale_count(1000, 100, 100, &ok) == 1000 && ok == 1, "scale x1");
    CHECK(vp_scale_count(1000, 100, 0, &ok) == 0 && ok == 0, "running 0");
    CHECK(vp_scale_count(0, 0, 0, &ok) == 0 && ok == 0, "never ran");
    CHECK(vp_scale_count(UINT64_MAX / 2, 4, 2, &ok) == (UINT64_MAX / 2) * 2,
          "big no overflow");
    CHECK(vp_scale_count(UINT64_MAX, 3, 1, &ok) == UINT64_MAX && ok == 1,
          "saturate");
    CHECK(vp_scale_count(3000000000000ull, 3000000000ull, 1000000000ull, NULL)
              == 9000000000000ull, "128-bit intermediate");
}

static void test_encode(void)
{
    printf("== encode\n");
    struct perf_event_attr attr;
    char err[256];

    int r = vp_encode_event("cycles", &attr, err, sizeof(err));
    CHECK(r == 0, "encode cycles -> %d %s", r, err);
    CHECK(attr.type == PERF_TYPE_HARDWARE && attr.config == PERF_COUNT_HW_CPU_CYCLES,
          "cycles type=%u config=%llu", attr.type, (unsigned long long)attr.config);
    CHECK(attr.exclude_kernel == 1 && attr.exclude_hv == 1 && attr.exclude_user == 0,
          "user-only bits k=%d hv=%d u=%d", (int)attr.exclude_kernel,
          (int)attr.exclude_hv, (int)attr.exclude_user);
    CHECK(attr.size == sizeof(attr), "size %u", attr.size);
    printf("  cycles            -> type=%u config=%#llx exclude_kernel=%d\n",
           attr.type, (unsigned long long)attr.config, (int)attr.exclude_kernel);

    r = vp_encode_event_ex("instructions", 1, &attr, err, sizeof(err));
    CHECK(r == 0, "encode instructions k -> %d %s", r, err);
    CHECK(attr.type == PERF_TYPE_HARDWARE && attr.config == PERF_COUNT_HW_INSTRUCTIONS,
          "instructions");
    CHECK(attr.exclude_kernel == 0 && attr.exclude_hv == 1, "user+kernel bits");

    struct {
        const char *name;
        uint32_t type;
        uint64_t config;
    } sw[] = {
        {"task-clock", PERF_TYPE_SOFTWARE, PERF_COUNT_SW_TASK_CLOCK},
        {"perf::TASK-CLOCK", PERF_TYPE_SOFTWARE, PERF_COUNT_SW_TASK_CLOCK},
        {"page-faults", PERF_TYPE_SOFTWARE, PERF_COUNT_SW_PAGE_FAULTS},
        {"context-switches", PERF_TYPE_SOFTWARE, PERF_COUNT_SW_CONTEXT_SWITCHES},
        {"PERF_COUNT_SW_CPU_CLOCK", PERF_TYPE_SOFTWARE, PERF_COUNT_SW_CPU_CLOCK},
        {"cache-misses", PERF_TYPE_HARDWARE, PERF_COUNT_HW_CACHE_MISSES},
        {"branch-misses", PERF_TYPE_HARDWARE, PERF_COUNT_HW_BRANCH_MISSES},
    };
    for (size_t i = 0; i < sizeof(sw) / sizeof(sw[0]); i++) {
        r = vp_encode_event(sw[i].name, &attr, err, sizeof(err));
        CHECK(r == 0, "encode %s -> %d %s", sw[i].name, r, err);
        CHECK(attr.type == sw[i].type && attr.config == sw[i].config,
              "%s type=%u config=%llu", sw[i].name, attr.type,
              (unsigned long long)attr.config);
        printf("  %-17s -> type=%u config=%#llx\n", sw[i].name, attr.type,
               (unsigned long long)attr.config);
    }

    r = vp_encode_event("no-such-event-xyz", &attr, err, sizeof(err));
    printf("  no-such-event-xyz -> %d \"%s\"\n", r, err);
    CHECK(r == PFM_ERR_NOTFOUND, "expected PFM_ERR_NOTFOUND, got %d", r);
    CHECK(strstr(err, "libpfm4:") != NULL && strstr(err, "no-such-event-xyz") != NULL,
          "err text: %s", err);
    CHECK(vp_encode_event("", &attr, err, sizeof(err)) < 0, "empty name");
    CHECK(vp_encode_event(NULL, &attr, NULL, 0) < 0, "NULL name, NULL err");
    CHECK(vp_encode_event("cycles", NULL, err, sizeof(err)) < 0, "NULL attr");
}

static const char *const k_names[] = {
    "cycles", "instructions", "cache-references", "cache-misses",
    "branch-misses", "task-clock", "page-faults", "context-switches",
    "no-such-event-xyz",
};
enum { K_COUNT = (int)(sizeof(k_names) / sizeof(k_names[0])) };

static void test_main_group(int inherit)
{
    printf("== group open, inherit=%d\n", inherit);
    vp_event_status st[K_COUNT];
    memset(st, 0xAB, sizeof(st)); /* ensure everything is overwritten */
    vp_group *g = vp_group_open(k_names, K_COUNT, inherit, st);
    CHECK(g != NULL, "vp_group_open returned NULL");
    if (g == NULL)
        return;
    print_status(st, K_COUNT);

    int navail = 0;
    for (int i = 0; i < K_COUNT; i++) {
        CHECK(strcmp(st[i].name, k_names[i]) == 0, "status name %d", i);
        CHECK(st[i].available == 0 || st[i].available == 1, "available bool");
        if (st[i].available) {
            navail++;
            CHECK(st[i].error_errno == 0 && st[i].reason[0] == '\0',
                  "available %s has error info", k_names[i]);
        } else {
            CHECK(st[i].reason[0] != '\0', "unavailable %s without reason", k_names[i]);
            CHECK(memchr(st[i].reason, '\0', sizeof(st[i].reason)) != NULL,
                  "reason NUL-terminated");
        }
    }
    printf("  count_open=%d requested=%d grouped=%d\n", vp_group_count_open(g),
           vp_group_count_requested(g), vp_group_is_grouped(g));
    CHECK(vp_group_count_open(g) == navail, "count_open %d vs %d",
          vp_group_count_open(g), navail);
    CHECK(vp_group_count_requested(g) == K_COUNT, "count_requested");
    CHECK(vp_group_is_grouped(g) == (inherit == 0 && navail > 0), "is_grouped");

    /* unknown event: libpfm path */
    int ix = find_index(k_names, K_COUNT, "no-such-event-xyz");
    CHECK(st[ix].available == 0, "bogus event available?!");
    CHECK(st[ix].error_errno == 0, "bogus errno %d", st[ix].error_errno);
    CHECK(strncmp(st[ix].reason, "libpfm4:", 8) == 0 &&
              strstr(st[ix].reason, "event not found") != NULL,
          "bogus reason: %s", st[ix].reason);

    /* hardware events: either available or a perf_event_open failure */
    const int no_pmu = !has_sysfs_cpu_pmu();
    for (int i = 0; i < 5; i++) {
        if (st[i].available)
            continue;
        CHECK(st[i].error_errno != 0, "%s: errno 0", k_names[i]);
        CHECK(strncmp(st[i].reason, "perf_event_open: ", 17) == 0,
              "%s reason: %s", k_names[i], st[i].reason);
        CHECK(strstr(st[i].reason, vp_errno_name(st[i].error_errno)) != NULL,
              "%s reason lacks errno name", k_names[i]);
        if (no_pmu && (st[i].error_errno == ENOENT || st[i].error_errno == EOPNOTSUPP))
            CHECK(strstr(st[i].reason, "no hardware PMU") != NULL,
                  "%s reason: %s", k_names[i], st[i].reason);
    }
    if (no_pmu)
        printf("  (no CPU PMU in sysfs: hardware events are expected to be unavailable)\n");

    const int i_tc = find_index(k_names, K_COUNT, "task-clock");
    const int i_pf = find_index(k_names, K_COUNT, "page-faults");
    const int i_cs = find_index(k_names, K_COUNT, "context-switches");
    const int sw_ok = st[i_tc].available && st[i_pf].available;
    if (!sw_ok) {
        if (st[i_tc].error_errno == EACCES || st[i_tc].error_errno == EPERM) {
            printf("  SKIP value checks: perf not permitted (%s)\n", st[i_tc].reason);
        } else {
            CHECK(sw_ok, "software events unavailable: %s / %s", st[i_tc].reason,
                  st[i_pf].reason);
        }
    }

    uint64_t v[K_COUNT];
    int valid[K_COUNT];

    /* Before any enable: nothing has run -> all invalid. */
    int r = vp_group_read(g, v, valid, K_COUNT);
    CHECK(r == 0, "read before enable -> %d (%s)", r, vp_errno_name(r));
    for (int i = 0; i < K_COUNT; i++)
        CHECK(valid[i] == 0 && v[i] == 0, "%s valid before enable", k_names[i]);

    /* Measurement 1: the big workload on this thread. */
    r = vp_group_reset_enable(g);
    CHECK(r == 0, "reset_enable -> %d (%s)", r, vp_errno_name(r));
    uint64_t c0 = thread_cpu_ns();
    workload(64, 60L * 1000 * 1000, 3);
    uint64_t cpu1 = thread_cpu_ns() - c0;
    /* read while still enabled must work */
    r = vp_group_read(g, v, valid, K_COUNT);
    CHECK(r == 0, "read while enabled -> %d", r);
    r = vp_group_disable(g);
    CHECK(r == 0, "disable -> %d (%s)", r, vp_errno_name(r));
    r = vp_group_read(g, v, valid, K_COUNT);
    CHECK(r == 0, "read -> %d (%s)", r, vp_errno_name(r));
    print_values("measurement 1 (64 MiB touch + compute + 3 sleeps)", k_names, v,
                 valid, K_COUNT);
    printf("    (thread CPU time by clock_gettime: %llu ns)\n",
           (unsigned long long)cpu1);

    for (int i = 0; i < K_COUNT; i++)
        if (!st[i].available)
            CHECK(valid[i] == 0 && v[i] == 0, "unavailable %s reported valid",
                  k_names[i]);
    if (sw_ok) {
        CHECK(valid[i_tc] && v[i_tc] > 0, "task-clock = %llu", (unsigned long long)v[i_tc]);
        CHECK(valid[i_pf] && v[i_pf] > 0, "page-faults = %llu", (unsigned long long)v[i_pf]);
        /* task-clock is in ns; must roughly agree with the thread CPU clock */
        CHECK(v[i_tc] > cpu1 / 2 && v[i_tc] < cpu1 * 2 + 10000000ull,
              "task-clock %llu vs thread cpu %llu", (unsigned long long)v[i_tc],
              (unsigned long long)cpu1);
        if (st[i_cs].available && vp_kernel_counting_allowed())
            CHECK(valid[i_cs] && v[i_cs] >= 3, "context-switches = %llu",
                  (unsigned long long)v[i_cs]);
    }
    const uint64_t tc1 = v[i_tc], pf1 = v[i_pf];

    /* Measurement 2: reset must start from zero again (tiny workload). */
    r = vp_group_reset_enable(g);
    CHECK(r == 0, "reset_enable #2 -> %d", r);
    workload(0, 1000, 0);
    r = vp_group_disable(g);
    CHECK(r == 0, "disable #2 -> %d", r);
    r = vp_group_read(g, v, valid, K_COUNT);
    CHECK(r == 0, "read #2 -> %d", r);
    print_values("measurement 2 (tiny workload, after reset)", k_names, v, valid, K_COUNT);
    if (sw_ok) {
        CHECK(valid[i_tc] && v[i_tc] < tc1 / 4, "task-clock #2 %llu not reset (#1 %llu)",
              (unsigned long long)v[i_tc], (unsigned long long)tc1);
        CHECK(v[i_pf] < pf1, "page-faults #2 %llu not reset (#1 %llu)",
              (unsigned long long)v[i_pf], (unsigned long long)pf1);
    }

    /* Short and long output arrays. */
    uint64_t vs[3];
    int vals[3];
    CHECK(vp_group_read(g, vs, vals, 3) == 0, "short read");
    uint64_t vl[K_COUNT + 4];
    int vall[K_COUNT + 4];
    memset(vl, 0xFF, sizeof(vl));
    memset(vall, 0xFF, sizeof(vall));
    CHECK(vp_group_read(g, vl, vall, K_COUNT + 4) == 0, "long read");
    for (int i = K_COUNT; i < K_COUNT + 4; i++)
        CHECK(vl[i] == 0 && vall[i] == 0, "extra entry %d not zeroed", i);
    CHECK(vp_group_read(g, v, NULL, K_COUNT) == 0, "read with valid=NULL");
    CHECK(vp_group_read(g, NULL, NULL, 1) == -EINVAL, "NULL values");

    vp_group_close(g);
}

/* inherit: work done in a thread created after open is counted only with
 * inherit=1; repeated reset_enable must not keep the exited thread's counts. */
static void test_inherit_thread(int inherit)
{
    printf("== child thread, inherit=%d\n", inherit);
    const char *const names[] = {"task-clock", "page-faults"};
    vp_event_status st[2];
    vp_group *g = vp_group_open(names, 2, inherit, st);
    CHECK(g != NULL, "open");
    if (g == NULL)
        return;
    print_status(st, 2);
    if (!st[0].available || !st[1].available) {
        CHECK(st[0].error_errno == EACCES || st[0].error_errno == EPERM,
              "task-clock unavailable: %s", st[0].reason);
        printf("  SKIP: perf not permitted\n");
        vp_group_close(g);
        return;
    }
    uint64_t v[2];
    int valid[2];
    CHECK(vp_group_reset_enable(g) == 0, "reset_enable");
    uint64_t child_cpu = run_in_thread();
    CHECK(vp_group_disable(g) == 0, "disable");
    CHECK(vp_group_read(g, v, valid, 2) == 0, "read");
    printf("  child thread cpu=%llu ns; counted task-clock=%llu ns (valid %d), "
           "page-faults=%llu (valid %d)\n",
           (unsigned long long)child_cpu, (unsigned long long)v[0], valid[0],
           (unsigned long long)v[1], valid[1]);
    CHECK(valid[0] && valid[1], "valid");
    if (inherit) {
        CHECK(v[0] > child_cpu / 2, "inherit=1 should include the child's time");
        CHECK(v[1] > 0, "inherit=1 should include the child's page faults");
    } else {
        CHECK(v[0] < child_cpu / 2, "inherit=0 should not include the child's time");
    }

    /* Second interval: main thread only, tiny work. The exited child's
     * counts must not leak into it. */
    CHECK(vp_group_reset_enable(g) == 0, "reset_enable #2");
    workload(0, 1000, 0);
    CHECK(vp_group_disable(g) == 0, "disable #2");
    CHECK(vp_group_read(g, v, valid, 2) == 0, "read #2");
    printf("  after reset (main thread only): task-clock=%llu ns page-faults=%llu\n",
           (unsigned long long)v[0], (unsigned long long)v[1]);
    CHECK(valid[0] && v[0] < child_cpu / 4, "interval 2 task-clock %llu includes stale child counts",
          (unsigned long long)v[0]);
    vp_group_close(g);
}

static void test_zero_open(int inherit)
{
    printf("== group with zero openable events, inherit=%d\n", inherit);
    const char *const names[] = {"no-such-event-xyz", "bogus::nothing", "", NULL};
    vp_event_status st[4];
    vp_group *g = vp_group_open(names, 4, inherit, st);
    CHECK(g != NULL, "open");
    if (g == NULL)
        return;
    print_status(st, 4);
    for (int i = 0; i < 4; i++)
        CHECK(!st[i].available && st[i].reason[0] != '\0', "status %d", i);
    CHECK(vp_group_count_open(g) == 0, "count_open %d", vp_group_count_open(g));
    CHECK(vp_group_is_grouped(g) == 0, "grouped");
    CHECK(vp_group_reset_enable(g) == 0, "reset_enable");
    workload(0, 1000, 0);
    CHECK(vp_group_disable(g) == 0, "disable");
    uint64_t v[4] = {7, 7, 7, 7};
    int valid[4] = {7, 7, 7, 7};
    CHECK(vp_group_read(g, v, valid, 4) == 0, "read");
    for (int i = 0; i < 4; i++)
        CHECK(v[i] == 0 && valid[i] == 0, "entry %d: %llu/%d", i,
              (unsigned long long)v[i], valid[i]);
    printf("  count_open=0, reads all invalid: ok\n");
    vp_group_close(g);

    /* count == 0, NULL names, NULL status */
    g = vp_group_open(NULL, 0, inherit, NULL);
    CHECK(g != NULL, "empty open");
    CHECK(vp_group_count_open(g) == 0 && vp_group_count_requested(g) == 0, "empty counts");
    CHECK(vp_group_reset_enable(g) == 0 && vp_group_disable(g) == 0, "empty enable");
    CHECK(vp_group_read(g, NULL, NULL, 0) == 0, "empty read");
    vp_group_close(g);
    /* status_out == NULL with real events */
    g = vp_group_open(k_names, K_COUNT, inherit, NULL);
    CHECK(g != NULL, "open without status");
    vp_group_close(g);
    vp_group_close(NULL);
    CHECK(vp_group_open(k_names, -1, inherit, NULL) == NULL, "negative count");
    CHECK(vp_group_reset_enable(NULL) == -EINVAL, "NULL group");
    CHECK(vp_group_disable(NULL) == -EINVAL, "NULL group");
    CHECK(vp_group_count_open(NULL) == 0, "NULL group");
}

static void test_kernel_modes(void)
{
    printf("== kernel modes\n");
    const char *const names[] = {"task-clock", "context-switches"};
    vp_kernel_mode modes[] = {VP_KERNEL_AUTO, VP_KERNEL_EXCLUDE, VP_KERNEL_INCLUDE};
    const char *mode_names[] = {"AUTO", "EXCLUDE", "INCLUDE"};
    for (int m = 0; m < 3; m++) {
        vp_event_status st[2];
        vp_group *g = vp_group_open_ex(names, 2, 0, modes[m], st);
        CHECK(g != NULL, "open_ex");
        if (g == NULL)
            continue;
        uint64_t v[2] = {0, 0};
        int valid[2] = {0, 0};
        vp_group_reset_enable(g);
        workload(0, 1000, 3);
        vp_group_disable(g);
        vp_group_read(g, v, valid, 2);
        printf("  %-7s task-clock %s %llu, context-switches %s %llu%s%s\n",
               mode_names[m], st[0].available ? "open" : "n/a",
               (unsigned long long)v[0], st[1].available ? "open" : "n/a",
               (unsigned long long)v[1], st[1].available ? "" : " ",
               st[1].reason);
        if (m == 2 && vp_kernel_counting_allowed() && st[1].available)
            CHECK(v[1] >= 3, "kernel-mode context-switches %llu", (unsigned long long)v[1]);
        vp_group_close(g);
    }
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    int fds0 = count_open_fds();

    test_helpers();
    test_encode();
    test_main_group(0);
    test_main_group(1);
    test_inherit_thread(1);
    test_inherit_thread(0);
    test_zero_open(0);
    test_zero_open(1);
    test_kernel_modes();

    int fds1 = count_open_fds();
    printf("== fd leak check: %d open fds before, %d after\n", fds0, fds1);
    CHECK(fds0 == fds1, "fd leak: %d -> %d", fds0, fds1);

    printf("\n%d checks, %d failures -> %s\n", g_checks, g_failures,
           g_failures ? "FAILED" : "PASSED");
    return g_failures ? 1 : 0;
}

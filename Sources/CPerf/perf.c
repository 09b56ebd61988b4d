/*
 * CPerf implementation: perf_event_open(2) + libpfm4 wrappers for Vernier.
 * See include/CPerf.h for the API contract.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

/* System headers first, so they see _GNU_SOURCE even if CPerf.h (which pulls
 * in libpfm and glibc headers) is imported as a clang module. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>

#include "CPerf.h"

#ifndef PERF_FLAG_FD_CLOEXEC
#define PERF_FLAG_FD_CLOEXEC (1UL << 3)
#endif

/* ------------------------------------------------------------------------ */
/* small helpers                                                            */
/* ------------------------------------------------------------------------ */

static void vp_set_msg(char *buf, size_t len, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void vp_set_msg(char *buf, size_t len, const char *fmt, ...)
{
    if (buf == NULL || len == 0)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, len, fmt, ap);
    va_end(ap);
}

static void vp_copy_str(char *dst, size_t dstlen, const char *src)
{
    if (dst == NULL || dstlen == 0)
        return;
    if (src == NULL)
        src = "";
    size_t n = strlen(src);
    if (n >= dstlen)
        n = dstlen - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

/* Thread-safe strerror. strerror_r is the GNU variant (returns char *) or
 * the XSI one (returns int) depending on feature macros seen when <string.h>
 * was first processed (which, with clang modules, may not be ours), so pick
 * the right handling from the actual return type. */
static const char *vp_strerror_gnu(char *r, int e, char *buf, size_t len)
{
    (void)e; (void)buf; (void)len;
    return r;
}

static const char *vp_strerror_xsi(int r, int e, char *buf, size_t len)
{
    if (r != 0)
        snprintf(buf, len, "errno %d", e);
    return buf;
}

static const char *vp_strerror(int e, char *buf, size_t len)
{
    buf[0] = '\0';
    return _Generic(strerror_r(e, buf, len),
                    char *: vp_strerror_gnu,
                    int: vp_strerror_xsi)(strerror_r(e, buf, len), e, buf, len);
}

static long vp_sys_perf_event_open(struct perf_event_attr *attr, pid_t pid,
                                   int cpu, int group_fd, unsigned long flags)
{
    return syscall(__NR_perf_event_open, attr, pid, cpu, group_fd, flags);
}

/* read() the whole buffer, retrying on EINTR. Returns bytes read or -errno. */
static long vp_read_full(int fd, void *buf, size_t len)
{
    for (;;) {
        ssize_t r = read(fd, buf, len);
        if (r >= 0)
            return (long)r;
        if (errno != EINTR)
            return -(long)errno;
    }
}

static int vp_ioctl(int fd, unsigned long req, unsigned long arg)
{
    for (;;) {
        if (ioctl(fd, req, arg) == 0)
            return 0;
        if (errno != EINTR)
            return -errno;
    }
}

/* ------------------------------------------------------------------------ */
/* libpfm initialisation (the only global state: written once)              */
/* ------------------------------------------------------------------------ */

static pthread_once_t vp_pfm_once = PTHREAD_ONCE_INIT;
static int vp_pfm_init_result = PFM_ERR_NOINIT;

static void vp_pfm_init_once(void)
{
    vp_pfm_init_result = pfm_initialize();
}

/* Returns the pfm_initialize() result (PFM_SUCCESS == 0). */
static int vp_pfm_init(void)
{
    pthread_once(&vp_pfm_once, vp_pfm_init_once);
    return vp_pfm_init_result;
}

int vp_initialize(char *err, size_t errlen)
{
    int r = vp_pfm_init();
    if (r != PFM_SUCCESS) {
        vp_set_msg(err, errlen, "libpfm4: pfm_initialize failed: %s",
                   pfm_strerror(r));
        return -1;
    }
    vp_set_msg(err, errlen, "%s", "");
    return 0;
}

/* ------------------------------------------------------------------------ */
/* encoding                                                                 */
/* ------------------------------------------------------------------------ */

int vp_encode_event_ex(const char *name, int include_kernel,
                       struct perf_event_attr *attr_out,
                       char *err, size_t errlen)
{
    vp_set_msg(err, errlen, "%s", "");
    if (attr_out == NULL) {
        vp_set_msg(err, errlen, "libpfm4: %s: attr_out is NULL",
                   pfm_strerror(PFM_ERR_INVAL));
        return PFM_ERR_INVAL;
    }
    memset(attr_out, 0, sizeof(*attr_out));
    if (name == NULL || name[0] == '\0') {
        vp_set_msg(err, errlen, "libpfm4: %s: empty event name",
                   pfm_strerror(PFM_ERR_INVAL));
        return PFM_ERR_INVAL;
    }
    int r = vp_pfm_init();
    if (r != PFM_SUCCESS) {
        vp_set_msg(err, errlen, "libpfm4: pfm_initialize failed: %s: %s",
                   pfm_strerror(r), name);
        return r < 0 ? r : PFM_ERR_NOINIT;
    }

    pfm_perf_encode_arg_t arg;
    memset(&arg, 0, sizeof(arg));
    arg.attr = attr_out;
    arg.fstr = NULL;
    arg.size = sizeof(arg);

    int plm = PFM_PLM3 | (include_kernel ? PFM_PLM0 : 0);
    r = pfm_get_os_event_encoding(name, plm, PFM_OS_PERF_EVENT_EXT, &arg);
    if (r != PFM_SUCCESS) {
        memset(attr_out, 0, sizeof(*attr_out));
        vp_set_msg(err, errlen, "libpfm4: %s: %s", pfm_strerror(r), name);
        return r < 0 ? r : PFM_ERR_INVAL;
    }
    attr_out->size = (uint32_t)sizeof(*attr_out);
    attr_out->exclude_hv = 1;
    return 0;
}

int vp_encode_event(const char *name, struct perf_event_attr *attr_out,
                    char *err, size_t errlen)
{
    return vp_encode_event_ex(name, 0, attr_out, err, errlen);
}

/* ------------------------------------------------------------------------ */
/* system helpers                                                           */
/* ------------------------------------------------------------------------ */

int vp_perf_event_paranoid(void)
{
    int fd = open("/proc/sys/kernel/perf_event_paranoid", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -100;
    char buf[32];
    long n = vp_read_full(fd, buf, sizeof(buf) - 1);
    close(fd);
    if (n <= 0)
        return -100;
    buf[n] = '\0';
    char *end = NULL;
    errno = 0;
    long v = strtol(buf, &end, 10);
    if (errno != 0 || end == buf || v < -1000 || v > 1000)
        return -100;
    return (int)v;
}

int vp_kernel_counting_allowed(void)
{
    if (geteuid() == 0)
        return 1;
    return vp_perf_event_paranoid() >= 2 ? 0 : 1;
}

const char *vp_errno_name(int e)
{
    if (e < 0)
        e = -e;
    switch (e) {
    case 0: return "OK";
    case EPERM: return "EPERM";
    case ENOENT: return "ENOENT";
    case ESRCH: return "ESRCH";
    case EINTR: return "EINTR";
    case EIO: return "EIO";
    case ENXIO: return "ENXIO";
    case E2BIG: return "E2BIG";
    case ENOEXEC: return "ENOEXEC";
    case EBADF: return "EBADF";
    case ECHILD: return "ECHILD";
    case EAGAIN: return "EAGAIN";
    case ENOMEM: return "ENOMEM";
    case EACCES: return "EACCES";
    case EFAULT: return "EFAULT";
    case EBUSY: return "EBUSY";
    case EEXIST: return "EEXIST";
    case ENODEV: return "ENODEV";
    case ENOTDIR: return "ENOTDIR";
    case EISDIR: return "EISDIR";
    case EINVAL: return "EINVAL";
    case ENFILE: return "ENFILE";
    case EMFILE: return "EMFILE";
    case ENOTTY: return "ENOTTY";
    case EFBIG: return "EFBIG";
    case ENOSPC: return "ENOSPC";
    case ESPIPE: return "ESPIPE";
    case EROFS: return "EROFS";
    case EPIPE: return "EPIPE";
    case EDOM: return "EDOM";
    case ERANGE: return "ERANGE";
    case EDEADLK: return "EDEADLK";
    case ENAMETOOLONG: return "ENAMETOOLONG";
    case ENOSYS: return "ENOSYS";
    case ENOTSUP: return "EOPNOTSUPP"; /* == EOPNOTSUPP on Linux */
    case EOVERFLOW: return "EOVERFLOW";
    case ETIMEDOUT: return "ETIMEDOUT";
    case ECANCELED: return "ECANCELED";
    default: return "EUNKNOWN";
    }
}

#if defined(ENOTSUP) && defined(EOPNOTSUPP) && (ENOTSUP != EOPNOTSUPP)
#error "vp_errno_name assumes ENOTSUP == EOPNOTSUPP (Linux)"
#endif

uint64_t vp_scale_count(uint64_t raw, uint64_t enabled, uint64_t running,
                        int *valid)
{
    if (running == 0) {
        if (valid)
            *valid = 0;
        return 0;
    }
    if (valid)
        *valid = 1;
    if (running >= enabled || raw == 0)
        return raw;
#if defined(__SIZEOF_INT128__)
    __extension__ typedef unsigned __int128 vp_u128;
    vp_u128 v = (vp_u128)raw * enabled / running;
    return v > (vp_u128)UINT64_MAX ? UINT64_MAX : (uint64_t)v;
#else
    long double v = (long double)raw * (long double)enabled / (long double)running;
    return v >= 18446744073709551615.0L ? UINT64_MAX : (uint64_t)v;
#endif
}

/* ------------------------------------------------------------------------ */
/* failure reasons                                                          */
/* ------------------------------------------------------------------------ */

/* Does sysfs show a CPU (core) PMU? Used only to word ENOENT/EOPNOTSUPP. */
static int vp_has_cpu_pmu(void)
{
    static const char *const fixed[] = {
        "/sys/bus/event_source/devices/cpu",
        "/sys/bus/event_source/devices/cpu_core",
        "/sys/bus/event_source/devices/cpu_atom",
    };
    for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
        if (access(fixed[i], F_OK) == 0)
            return 1;
    DIR *d = opendir("/sys/bus/event_source/devices");
    if (d == NULL)
        return 0;
    int found = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        /* arm64: armv8_pmuv3_0, armv8_cortex_a72, apple_*_pmu, ... */
        if (strncmp(de->d_name, "armv", 4) == 0 ||
            strstr(de->d_name, "_pmu") != NULL) {
            found = 1;
            break;
        }
    }
    closedir(d);
    return found;
}

static int vp_is_hw_type(uint32_t type)
{
    return type == PERF_TYPE_HARDWARE || type == PERF_TYPE_HW_CACHE ||
           type == PERF_TYPE_RAW;
}

static const char *vp_open_hint(int e, uint32_t type, int in_group,
                                char *buf, size_t len)
{
    switch (e) {
    case ENOENT:
    case EOPNOTSUPP:
        if (vp_is_hw_type(type)) {
            if (!vp_has_cpu_pmu())
                return "no hardware PMU (virtual machine?)";
            return e == ENOENT ? "event not supported by this CPU's PMU"
                               : "PMU cannot count this event in this mode";
        }
        if (type >= PERF_TYPE_MAX && !vp_has_cpu_pmu())
            return "no hardware PMU (virtual machine?)";
        return "event not supported by this kernel";
    case EACCES:
    case EPERM: {
        int p = vp_perf_event_paranoid();
        if (p == -100)
            snprintf(buf, len, "perf_event_paranoid unreadable; need root or CAP_PERFMON");
        else
            snprintf(buf, len, "perf_event_paranoid=%d; need root/CAP_PERFMON or lower kernel.perf_event_paranoid", p);
        return buf;
    }
    case EINVAL:
        return in_group ? "kernel refused to add it to the counter group (bad attr or unschedulable group)"
                        : "invalid attributes for this kernel/PMU";
    case ENODEV: return "PMU or feature not present";
    case EMFILE: return "too many open files (RLIMIT_NOFILE)";
    case ENFILE: return "system file table full";
    case E2BIG: return "perf_event_attr size not supported by this kernel";
    case EBUSY: return "PMU busy (exclusive use by another tool?)";
    case ENOSPC: return "no free hardware counter";
    case ENOSYS: return "perf_event_open unavailable (kernel without CONFIG_PERF_EVENTS or seccomp?)";
    case ESRCH: return "target thread does not exist";
    case EOVERFLOW: return "invalid sampling parameters";
    default: return "";
    }
}

static void vp_format_open_failure(vp_event_status *st, int e, uint32_t type,
                                   int in_group)
{
    if (st == NULL)
        return;
    char ebuf[128], hbuf[128];
    const char *msg = vp_strerror(e, ebuf, sizeof(ebuf));
    const char *hint = vp_open_hint(e, type, in_group, hbuf, sizeof(hbuf));
    st->available = 0;
    st->error_errno = e;
    if (hint[0] != '\0')
        snprintf(st->reason, sizeof(st->reason), "perf_event_open: %s (%s): %s",
                 msg, vp_errno_name(e), hint);
    else
        snprintf(st->reason, sizeof(st->reason), "perf_event_open: %s (%s)",
                 msg, vp_errno_name(e));
}

/* ------------------------------------------------------------------------ */
/* groups                                                                   */
/* ------------------------------------------------------------------------ */

typedef struct {
    int fd;               /* -1 when unavailable */
    uint64_t id;          /* kernel event id (PERF_EVENT_IOC_ID), grouped */
    int has_id;
    uint64_t base_value;  /* snapshot at reset_enable */
    uint64_t base_enabled;
    uint64_t base_running;
} vp_slot;

struct vp_group {
    int count;       /* requested events */
    int nopen;       /* opened events */
    int grouped;     /* 1: one kernel group led by leader_fd */
    int leader_fd;   /* -1 when none */
    int *open_order; /* slot indices in kernel group order, nopen entries */
    uint64_t *rbuf;  /* group read buffer: 3 + 2 * nopen u64 */
    size_t rbuf_len; /* entries */
    uint64_t base_enabled; /* group snapshot at reset_enable */
    uint64_t base_running;
    vp_slot *slots;  /* count entries, request order */
};

vp_group *vp_group_open(const char *const *names, int count, int inherit,
                        vp_event_status *status_out)
{
    return vp_group_open_ex(names, count, inherit, VP_KERNEL_AUTO, status_out);
}

vp_group *vp_group_open_ex(const char *const *names, int count, int inherit,
                           vp_kernel_mode kernel_mode,
                           vp_event_status *status_out)
{
    if (count < 0)
        return NULL;
    if (names == NULL)
        count = 0;

    vp_group *g = calloc(1, sizeof(*g));
    if (g == NULL)
        return NULL;
    g->count = count;
    g->leader_fd = -1;
    g->grouped = 0;
    if (count > 0) {
        g->slots = calloc((size_t)count, sizeof(*g->slots));
        g->open_order = calloc((size_t)count, sizeof(*g->open_order));
        if (g->slots == NULL || g->open_order == NULL) {
            free(g->slots);
            free(g->open_order);
            free(g);
            return NULL;
        }
    }
    for (int i = 0; i < count; i++)
        g->slots[i].fd = -1;

    const int use_group = (inherit == 0);
    int include_kernel;
    int fallback_user = 0;
    switch (kernel_mode) {
    case VP_KERNEL_EXCLUDE:
        include_kernel = 0;
        break;
    case VP_KERNEL_INCLUDE:
        include_kernel = 1;
        break;
    case VP_KERNEL_AUTO:
    default:
        include_kernel = vp_kernel_counting_allowed();
        fallback_user = include_kernel;
        break;
    }

    for (int i = 0; i < count; i++) {
        const char *name = names[i];
        vp_event_status local;
        vp_event_status *st = status_out ? &status_out[i] : &local;
        memset(st, 0, sizeof(*st));
        vp_copy_str(st->name, sizeof(st->name), name ? name : "(null)");

        if (name == NULL) {
            vp_copy_str(st->reason, sizeof(st->reason), "event name is NULL");
            continue;
        }

        struct perf_event_attr attr;
        char err[sizeof(st->reason)];
        if (vp_encode_event_ex(name, include_kernel, &attr, err, sizeof(err)) != 0) {
            vp_copy_str(st->reason, sizeof(st->reason), err);
            continue;
        }

        const int is_leader = (g->leader_fd < 0);
        attr.size = (uint32_t)sizeof(attr);
        attr.exclude_hv = 1;
        attr.inherit = use_group ? 0 : 1;
        /* Leader (or each independent event) starts disabled; group members
         * follow the leader's state and are created enabled. */
        attr.disabled = (use_group && !is_leader) ? 0 : 1;
        attr.read_format = PERF_FORMAT_TOTAL_TIME_ENABLED |
                           PERF_FORMAT_TOTAL_TIME_RUNNING;
        if (use_group)
            attr.read_format |= PERF_FORMAT_GROUP | PERF_FORMAT_ID;
        attr.sample_period = 0;
        attr.sample_type = 0;
        attr.pinned = 0;
        attr.exclusive = 0;
        attr.enable_on_exec = 0;

        int group_fd = (use_group && !is_leader) ? g->leader_fd : -1;
        unsigned long flags = PERF_FLAG_FD_CLOEXEC;

        long fd = vp_sys_perf_event_open(&attr, 0, -1, group_fd, flags);
        int e = fd < 0 ? errno : 0;
        if (fd < 0 && fallback_user && (e == EACCES || e == EPERM) &&
            !attr.exclude_kernel) {
            attr.exclude_kernel = 1;
            fd = vp_sys_perf_event_open(&attr, 0, -1, group_fd, flags);
            e = fd < 0 ? errno : 0;
        }
        if (fd < 0) {
            vp_format_open_failure(st, e, attr.type, use_group && !is_leader);
            continue;
        }

        vp_slot *s = &g->slots[i];
        s->fd = (int)fd;
        if (use_group) {
            uint64_t id = 0;
            if (ioctl(s->fd, PERF_EVENT_IOC_ID, &id) == 0) {
                s->id = id;
                s->has_id = 1;
            }
            if (is_leader)
                g->leader_fd = s->fd;
        }
        g->open_order[g->nopen++] = i;
        st->available = 1;
        st->error_errno = 0;
        st->reason[0] = '\0';
    }

    if (use_group && g->nopen > 0) {
        g->grouped = 1;
        g->rbuf_len = 3 + 2 * (size_t)g->nopen;
        g->rbuf = calloc(g->rbuf_len, sizeof(uint64_t));
        if (g->rbuf == NULL) {
            vp_group_close(g);
            return NULL;
        }
    }
    return g;
}

int vp_group_count_open(const vp_group *g)
{
    return g ? g->nopen : 0;
}

int vp_group_count_requested(const vp_group *g)
{
    return g ? g->count : 0;
}

int vp_group_is_grouped(const vp_group *g)
{
    return g ? g->grouped : 0;
}

/* Group read into g->rbuf. Returns 0 or -errno. */
static int vp_group_read_raw(vp_group *g)
{
    size_t bytes = g->rbuf_len * sizeof(uint64_t);
    long r = vp_read_full(g->leader_fd, g->rbuf, bytes);
    if (r < 0)
        return (int)r;
    if (r < (long)(3 * sizeof(uint64_t)))
        return -EIO;
    uint64_t nr = g->rbuf[0];
    if (nr > (uint64_t)g->nopen || (size_t)r < (3 + 2 * nr) * sizeof(uint64_t))
        return -EIO;
    return 0;
}

/* Locate slot index for the j-th entry of a group read. */
static int vp_group_entry_slot(const vp_group *g, uint64_t j, uint64_t id)
{
    for (int k = 0; k < g->nopen; k++) {
        const vp_slot *s = &g->slots[g->open_order[k]];
        if (s->has_id && s->id == id)
            return g->open_order[k];
    }
    /* Fallback: kernel lists leader then siblings in creation order. */
    if (j < (uint64_t)g->nopen)
        return g->open_order[j];
    return -1;
}

/* Read one independent event: value, enabled, running. Returns 0 or -errno. */
static int vp_slot_read_raw(const vp_slot *s, uint64_t out[3])
{
    long r = vp_read_full(s->fd, out, 3 * sizeof(uint64_t));
    if (r < 0)
        return (int)r;
    if (r != (long)(3 * sizeof(uint64_t)))
        return -EIO;
    return 0;
}

int vp_group_reset_enable(vp_group *g)
{
    if (g == NULL)
        return -EINVAL;
    if (g->nopen == 0)
        return 0;
    int rc = 0, r;

    if (g->grouped) {
        r = vp_ioctl(g->leader_fd, PERF_EVENT_IOC_RESET, PERF_IOC_FLAG_GROUP);
        if (r && !rc) rc = r;
        /* Snapshot times (and values, which RESET should have zeroed). */
        r = vp_group_read_raw(g);
        if (r == 0) {
            g->base_enabled = g->rbuf[1];
            g->base_running = g->rbuf[2];
            for (int k = 0; k < g->nopen; k++)
                g->slots[g->open_order[k]].base_value = 0;
            uint64_t nr = g->rbuf[0];
            for (uint64_t j = 0; j < nr; j++) {
                int idx = vp_group_entry_slot(g, j, g->rbuf[3 + 2 * j + 1]);
                if (idx >= 0)
                    g->slots[idx].base_value = g->rbuf[3 + 2 * j];
            }
        } else if (!rc) {
            rc = r;
        }
        r = vp_ioctl(g->leader_fd, PERF_EVENT_IOC_ENABLE, PERF_IOC_FLAG_GROUP);
        if (r && !rc) rc = r;
        return rc;
    }

    /* Independent events: reset + snapshot all first, then enable all in a
     * tight loop to minimise skew between counters. */
    for (int k = 0; k < g->nopen; k++) {
        vp_slot *s = &g->slots[g->open_order[k]];
        r = vp_ioctl(s->fd, PERF_EVENT_IOC_RESET, 0);
        if (r && !rc) rc = r;
        uint64_t v[3];
        r = vp_slot_read_raw(s, v);
        if (r == 0) {
            s->base_value = v[0];
            s->base_enabled = v[1];
            s->base_running = v[2];
        } else if (!rc) {
            rc = r;
        }
    }
    for (int k = 0; k < g->nopen; k++) {
        r = vp_ioctl(g->slots[g->open_order[k]].fd, PERF_EVENT_IOC_ENABLE, 0);
        if (r && !rc) rc = r;
    }
    return rc;
}

int vp_group_disable(vp_group *g)
{
    if (g == NULL)
        return -EINVAL;
    if (g->nopen == 0)
        return 0;
    if (g->grouped)
        return vp_ioctl(g->leader_fd, PERF_EVENT_IOC_DISABLE, PERF_IOC_FLAG_GROUP);
    int rc = 0;
    for (int k = 0; k < g->nopen; k++) {
        int r = vp_ioctl(g->slots[g->open_order[k]].fd, PERF_EVENT_IOC_DISABLE, 0);
        if (r && !rc) rc = r;
    }
    return rc;
}

static uint64_t vp_delta(uint64_t cur, uint64_t base)
{
    return cur >= base ? cur - base : 0;
}

int vp_group_read(vp_group *g, uint64_t *values, int *valid, int count)
{
    if (g == NULL || count < 0 || (values == NULL && count > 0))
        return -EINVAL;
    for (int i = 0; i < count; i++) {
        values[i] = 0;
        if (valid)
            valid[i] = 0;
    }
    if (g->nopen == 0)
        return 0;
    const int n = count < g->count ? count : g->count;

    if (g->grouped) {
        int r = vp_group_read_raw(g);
        if (r != 0)
            return r;
        uint64_t en = vp_delta(g->rbuf[1], g->base_enabled);
        uint64_t run = vp_delta(g->rbuf[2], g->base_running);
        uint64_t nr = g->rbuf[0];
        for (uint64_t j = 0; j < nr; j++) {
            int idx = vp_group_entry_slot(g, j, g->rbuf[3 + 2 * j + 1]);
            if (idx < 0 || idx >= n)
                continue;
            uint64_t raw = vp_delta(g->rbuf[3 + 2 * j], g->slots[idx].base_value);
            int ok = 0;
            values[idx] = vp_scale_count(raw, en, run, &ok);
            if (valid)
                valid[idx] = ok;
        }
        return 0;
    }

    int rc = 0;
    for (int i = 0; i < n; i++) {
        const vp_slot *s = &g->slots[i];
        if (s->fd < 0)
            continue;
        uint64_t v[3];
        int r = vp_slot_read_raw(s, v);
        if (r != 0) {
            if (!rc) rc = r;
            continue;
        }
        int ok = 0;
        values[i] = vp_scale_count(vp_delta(v[0], s->base_value),
                                   vp_delta(v[1], s->base_enabled),
                                   vp_delta(v[2], s->base_running), &ok);
        if (valid)
            valid[i] = ok;
    }
    return rc;
}

void vp_group_close(vp_group *g)
{
    if (g == NULL)
        return;
    /* Close members before the leader. */
    for (int k = g->nopen - 1; k >= 0; k--) {
        int fd = g->slots[g->open_order[k]].fd;
        if (fd >= 0)
            close(fd);
    }
    free(g->rbuf);
    free(g->open_order);
    free(g->slots);
    free(g);
}

/*
 * CPerf — thin C layer over perf_event_open(2) and libpfm4 for Vernier.
 *
 * Swift cannot call the variadic syscall(2) nor use the ioctl request macros
 * of <linux/perf_event.h>, so everything that touches the kernel interface
 * lives here behind a small, Swift-friendly API:
 *
 *   - only plain C types in the public API (ints, fixed char arrays, an
 *     opaque vp_group pointer, one enum); no bitfields, unions or macros are
 *     needed by callers;
 *   - struct perf_event_attr (which has bitfields and unions) only appears in
 *     vp_encode_event / vp_encode_event_ex;
 *   - no global mutable state other than the one-time libpfm initialisation,
 *     which is guarded by pthread_once.
 *
 * Link with -lpfm (libpfm4) and -lpthread.
 *
 * Thread-safety: vp_initialize, vp_encode_event*, vp_perf_event_paranoid,
 * vp_kernel_counting_allowed, vp_errno_name and vp_scale_count may be called
 * from any thread. A vp_group must not be used from two threads at once
 * (external locking), and it counts the thread that OPENED it (plus, with
 * inherit, the threads that thread creates afterwards).
 */
#ifndef VERNIER_CPERF_H
#define VERNIER_CPERF_H

#include <stddef.h>
#include <stdint.h>

/*
 * libpfm4's <perfmon/perf_event.h> defines a static inline perf_event_open()
 * stub that calls syscall(2). glibc only declares syscall() when
 * _DEFAULT_SOURCE/_GNU_SOURCE is in effect; under a strict -std=c11 build
 * without those, declare it here so that merely including this header never
 * produces an implicit-declaration error.
 */
#if defined(__STRICT_ANSI__) && !defined(_GNU_SOURCE) && !defined(_DEFAULT_SOURCE) && !defined(_BSD_SOURCE)
extern long syscall(long number, ...);
#endif

/* Use the libpfm4 copy of the perf ABI (not <linux/perf_event.h>) to avoid
 * duplicate definitions. */
#include <perfmon/pfmlib_perf_event.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------ */
/* Library initialisation and event encoding                               */
/* ------------------------------------------------------------------------ */

/*
 * vp_initialize
 *   Initialise libpfm4 (pfm_initialize()) exactly once per process; later
 *   calls return the cached result of the first one. Thread-safe
 *   (pthread_once). All other vp_* functions that need libpfm call it
 *   themselves, so calling it explicitly is only needed to get an early,
 *   readable error.
 *
 *   err/errlen: optional buffer (may be NULL / 0) that receives
 *               "libpfm4: pfm_initialize failed: <pfm_strerror>" on failure
 *               and an empty string on success.
 *   Returns 0 on success, -1 on failure.
 */
int vp_initialize(char *err, size_t errlen);

/*
 * vp_encode_event
 *   Encode a libpfm4 event name into a perf_event_attr for user-level
 *   counting only (PFM_PLM3; exclude_kernel=1, exclude_hv=1). Equivalent to
 *   vp_encode_event_ex(name, 0, attr_out, err, errlen).
 *
 *   name:     libpfm4 event string, e.g. "cycles", "instructions",
 *             "cache-references", "cache-misses", "branch-misses",
 *             "task-clock", "perf::TASK-CLOCK", "page-faults",
 *             "context-switches", "PERF_COUNT_SW_CPU_CLOCK",
 *             "L1-dcache-load-misses", or a PMU-qualified native event with
 *             modifiers ("amd64_fam19h_zen3::RETIRED_INSTRUCTIONS:u").
 *   attr_out: zeroed and filled by libpfm4 (type, config, config1, ...,
 *             exclude_* bits); attr_out->size is set to
 *             sizeof(struct perf_event_attr). Nothing else (disabled,
 *             read_format, inherit) is set.
 *   err:      optional buffer (may be NULL / 0); on failure receives
 *             "libpfm4: <pfm_strerror text>: <name>",
 *             e.g. "libpfm4: event not found: no-such-event-xyz".
 *   Returns 0 on success or a negative libpfm4 error code (PFM_ERR_*, e.g.
 *   PFM_ERR_NOTFOUND == -4). Success only means libpfm knows the event; the
 *   kernel may still refuse to open it (see vp_group_open).
 */
int vp_encode_event(const char *name, struct perf_event_attr *attr_out,
                    char *err, size_t errlen);

/*
 * vp_encode_event_ex
 *   Same as vp_encode_event, but include_kernel != 0 encodes with
 *   PFM_PLM3 | PFM_PLM0 (user + kernel; exclude_kernel=0), while
 *   include_kernel == 0 uses PFM_PLM3 only (user level). Explicit ":u"/":k"
 *   modifiers in the name still take precedence (libpfm semantics).
 *   exclude_hv is always 1. Returns as vp_encode_event.
 */
int vp_encode_event_ex(const char *name, int include_kernel,
                       struct perf_event_attr *attr_out,
                       char *err, size_t errlen);

/* ------------------------------------------------------------------------ */
/* System helpers                                                           */
/* ------------------------------------------------------------------------ */

/*
 * vp_perf_event_paranoid
 *   Returns the integer in /proc/sys/kernel/perf_event_paranoid
 *   (typically -1..4; Debian/Ubuntu kernels use 3 or 4 to forbid
 *   unprivileged perf entirely), or -100 if the file cannot be read/parsed.
 */
int vp_perf_event_paranoid(void);

/*
 * vp_kernel_counting_allowed
 *   Returns 1 when counting kernel-mode activity is expected to be allowed
 *   for this process, 0 otherwise. Rule: not allowed when
 *   perf_event_paranoid >= 2 and the effective uid is not 0 (a process with
 *   CAP_PERFMON may still succeed; VP_KERNEL_AUTO handles that by retrying).
 */
int vp_kernel_counting_allowed(void);

/*
 * vp_errno_name
 *   Symbolic name of an errno value: "ENOENT", "EACCES", "EINVAL",
 *   "EOPNOTSUPP", "ENODEV", "EMFILE", "E2BIG", "EBUSY", "EPERM", "ENOSPC",
 *   "ENOSYS", "ESRCH", "EFAULT", "EINTR", "EAGAIN", "EIO", "ENOMEM", ...
 *   A negative argument is treated as its absolute value (so -errno returns
 *   from vp_group_* can be passed directly). Returns "OK" for 0 and
 *   "EUNKNOWN" for unrecognised values. The returned string is static; never
 *   free it.
 */
const char *vp_errno_name(int e);

/*
 * vp_scale_count
 *   Multiplexing correction used by vp_group_read:
 *   raw * enabled / running, computed without 64-bit overflow (saturates at
 *   UINT64_MAX). If running == 0 the result is 0 and *valid (if non-NULL) is
 *   set to 0; otherwise *valid is set to 1. If running >= enabled the raw
 *   value is returned unchanged.
 */
uint64_t vp_scale_count(uint64_t raw, uint64_t enabled, uint64_t running,
                        int *valid);

/* ------------------------------------------------------------------------ */
/* Counter groups                                                           */
/* ------------------------------------------------------------------------ */

/* Opaque handle to a set of perf counters opened by vp_group_open*. */
typedef struct vp_group vp_group;

/*
 * Per-event open status, one per requested name, in request order.
 *   name:        the requested name (truncated to 63 chars, NUL-terminated).
 *   available:   1 if the event was opened and will be counted, else 0.
 *   error_errno: errno from perf_event_open(2) when it failed (ENOENT,
 *                EOPNOTSUPP, EACCES, EINVAL, ...); 0 when the event is
 *                available or failed before any syscall (libpfm4 could not
 *                encode it, NULL/empty name, libpfm4 init failure).
 *   reason:      human-readable explanation, empty when available, e.g.
 *     "perf_event_open: No such file or directory (ENOENT): no hardware PMU (virtual machine?)"
 *     "perf_event_open: Permission denied (EACCES): perf_event_paranoid=3; ..."
 *     "libpfm4: event not found: no-such-event-xyz"
 */
typedef struct {
    char name[64];
    int available;
    int error_errno;
    char reason[160];
} vp_event_status;

/* Kernel-mode counting policy for vp_group_open_ex. */
typedef enum vp_kernel_mode {
    /* Count user+kernel when vp_kernel_counting_allowed(), else user only;
     * if the kernel refuses a user+kernel event with EACCES/EPERM, retry it
     * once as user-only. This is what vp_group_open uses. */
    VP_KERNEL_AUTO = 0,
    /* User level only (exclude_kernel=1). */
    VP_KERNEL_EXCLUDE = 1,
    /* User + kernel, no fallback (fails with EACCES when not permitted). */
    VP_KERNEL_INCLUDE = 2
} vp_kernel_mode;

/*
 * vp_group_open
 *   Open counters for the CALLING THREAD (pid=0, cpu=-1), all initially
 *   disabled. Equivalent to vp_group_open_ex(..., VP_KERNEL_AUTO, ...).
 *
 *   names/count: libpfm4 event names (see vp_encode_event). count may be 0;
 *                NULL entries are reported as unavailable.
 *   inherit:     0 -> all openable events go in ONE perf group (first
 *                     successfully opened event is the leader; the group is
 *                     read atomically with PERF_FORMAT_GROUP|ID|
 *                     TOTAL_TIME_ENABLED|TOTAL_TIME_RUNNING and
 *                     enabled/disabled/reset with PERF_IOC_FLAG_GROUP);
 *                != 0 -> each event is opened independently (no group_fd)
 *                     with inherit=1, so threads created by the calling
 *                     thread AFTER this call are counted too; each event is
 *                     read individually (TOTAL_TIME_ENABLED|RUNNING).
 *   status_out:  optional (may be NULL), count entries, filled in request
 *                order with availability / errno / reason for every event.
 *
 *   Events that cannot be encoded or opened are NOT fatal: they are
 *   recorded in status_out and skipped (e.g. hardware events on a VM
 *   without a virtual PMU, EACCES under perf_event_paranoid, unknown
 *   names, an event the kernel refuses to add to the group). A group with
 *   zero open events is valid: enable/disable are no-ops and reads return
 *   valid=0 for every event.
 *   Returns NULL only on allocation failure (or count < 0).
 */
vp_group *vp_group_open(const char *const *names, int count, int inherit,
                        vp_event_status *status_out);

/*
 * vp_group_open_ex
 *   vp_group_open with an explicit kernel-mode policy (see vp_kernel_mode).
 *   Always sets exclude_hv=1. With VP_KERNEL_AUTO, exclude_kernel=1 is set
 *   when perf_event_paranoid >= 2 and euid != 0 (and as a retry after
 *   EACCES/EPERM); VP_KERNEL_EXCLUDE always sets it; VP_KERNEL_INCLUDE never
 *   does (the open fails with EACCES/EPERM if the kernel forbids it).
 *   Returns as vp_group_open.
 */
vp_group *vp_group_open_ex(const char *const *names, int count, int inherit,
                           vp_kernel_mode kernel_mode,
                           vp_event_status *status_out);

/*
 * vp_group_count_open
 *   Number of events actually opened (available). 0 for a NULL group.
 */
int vp_group_count_open(const vp_group *g);

/*
 * vp_group_count_requested
 *   Number of names the group was opened with (the `count` argument).
 *   0 for a NULL group.
 */
int vp_group_count_requested(const vp_group *g);

/*
 * vp_group_is_grouped
 *   1 if the open events form a single kernel perf group (inherit == 0 and at
 *   least one event open), 0 otherwise (independent events or none).
 */
int vp_group_is_grouped(const vp_group *g);

/*
 * vp_group_reset_enable
 *   Start a measurement: ioctl(PERF_EVENT_IOC_RESET) then
 *   ioctl(PERF_EVENT_IOC_ENABLE) — group-wide on the leader with
 *   PERF_IOC_FLAG_GROUP when grouped, else on every event. Values and
 *   enabled/running times are also snapshotted here so that
 *   vp_group_read reports exactly the interval since this call (RESET alone
 *   does not clear time_enabled/time_running nor counts folded in from
 *   exited inherited threads). May be called repeatedly.
 *   Returns 0, or -errno of the first failing ioctl/read (the remaining
 *   events are still processed). No-op returning 0 when nothing is open;
 *   -EINVAL for a NULL group.
 */
int vp_group_reset_enable(vp_group *g);

/*
 * vp_group_disable
 *   Stop counting: ioctl(PERF_EVENT_IOC_DISABLE) (group-wide when grouped).
 *   Values remain readable. Returns 0 or -errno of the first failure;
 *   0 when nothing is open; -EINVAL for a NULL group.
 */
int vp_group_disable(vp_group *g);

/*
 * vp_group_read
 *   Read the counts accumulated since the last vp_group_reset_enable (or
 *   since open if never enabled) into values[i], in the ORDER OF THE
 *   REQUESTED NAMES. May be called while enabled or disabled.
 *
 *   values: count entries (required unless count == 0).
 *   valid:  count entries, may be NULL. valid[i] = 1 if values[i] is a real
 *           measurement; 0 if the event is unavailable, was never scheduled
 *           (time_running == 0, e.g. never enabled or starved of hardware
 *           counters), or its read failed; values[i] is then 0.
 *   count:  normally vp_group_count_requested(g); entries beyond the
 *           requested count are set to 0 / invalid, and only the first
 *           `count` requested events are reported if it is smaller.
 *   Values are scaled for multiplexing: raw * time_enabled / time_running
 *   (using the deltas since vp_group_reset_enable).
 *   Returns 0, or -errno of the first failing read (other events are still
 *   filled in); -EINVAL for bad arguments.
 */
int vp_group_read(vp_group *g, uint64_t *values, int *valid, int count);

/*
 * vp_group_close
 *   Close all counter file descriptors and free the group. NULL is a no-op.
 */
void vp_group_close(vp_group *g);

#ifdef __cplusplus
}
#endif

#endif /* VERNIER_CPERF_H */

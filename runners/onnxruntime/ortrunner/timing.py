"""Sessions and timing: ``make_session`` (an ONNX Runtime CPU session with Vernier's settings),
``Prepared`` (a session with its inputs created and bound once) and the timing loops
(``time_calls``; ``time_interleaved``, which follows every sample with one of a reference).
``ort`` is None when onnxruntime is not installed; graph building works without it."""

from __future__ import annotations

import time

import numpy as np

from .errors import SpecError, _one_line, log

try:  # ORT is needed to serve requests; graph building alone works without it.
    import onnxruntime as ort
except ImportError:  # pragma: no cover - reported by the info/op replies
    ort = None

INPUT_SEED = 2
MAX_INNER = 1 << 24


def make_session(model, threads=1):
    """An InferenceSession on the CPU provider with Vernier's settings."""
    if ort is None:
        raise SpecError("onnxruntime is not installed in this Python environment")
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.log_severity_level = 3
    # Idle worker threads must not spin: the runner keeps several sessions (the layer being
    # timed, the reference it is compared with), each with its own pool, and a pool spinning
    # after its last call steals the cores from the next session's call.
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.add_session_config_entry("session.inter_op.allow_spinning", "0")
    return ort.InferenceSession(model.SerializeToString(), sess_options=options,
                                providers=["CPUExecutionProvider"])


class Prepared:
    """A session with its inputs created once; `call()` runs it once.

    Calls go through IO binding: inputs are bound once, and the output is bound to a buffer
    allocated once (after a first ``session.run`` tells its shape). ``run_with_iobinding`` without
    RunOptions measured about half the per-call floor of ``session.run(names, feeds)`` here
    (~4–6 µs vs ~12 µs for the overhead graph) and the same time for large layers. If binding
    fails, calls fall back to ``session.run``.
    """

    def __init__(self, session, seed=INPUT_SEED):
        self.session = session
        rng = np.random.default_rng(seed)
        self.feeds = {}
        for info in session.get_inputs():
            dims = [d if isinstance(d, int) else 1 for d in info.shape]
            self.feeds[info.name] = rng.standard_normal(dims).astype(np.float32)
        self.output_names = [o.name for o in session.get_outputs()]
        run, names, feeds = session.run, self.output_names, self.feeds
        self.call = lambda: run(names, feeds)
        self.binding = None
        self.output_buffers = []

    def run_once(self):
        """Runs once with ``session.run`` and returns the outputs."""
        return self.session.run(self.output_names, self.feeds)

    def bind(self, outputs):
        """Switches `call` to IO binding, with output buffers shaped like `outputs`."""
        try:
            binding = self.session.io_binding()
            for name, value in self.feeds.items():
                binding.bind_cpu_input(name, value)
            buffers = []
            for name, value in zip(self.output_names, outputs):
                buffer = np.empty_like(value)
                buffers.append(buffer)
                binding.bind_ortvalue_output(name, ort.OrtValue.ortvalue_from_numpy(buffer))
            self.session.run_with_iobinding(binding)
        except Exception as exc:  # keep session.run
            log(f"IO binding unavailable, timing session.run: {_one_line(exc)}")
            return
        self.binding, self.output_buffers = binding, buffers
        run = self.session.run_with_iobinding
        self.call = lambda: run(binding)


def time_calls(call, warmup, repetitions, min_sample_ms):
    """Runs `call` `warmup` times, picks the smallest power-of-two inner count whose calls take
    at least `min_sample_ms`, then returns (samples in ms per call, inner)."""
    for _ in range(warmup):
        call()
    clock = time.perf_counter_ns
    threshold_ns = min_sample_ms * 1e6
    inner = 1
    while True:
        start = clock()
        for _ in range(inner):
            call()
        elapsed = clock() - start
        if elapsed >= threshold_ns or inner >= MAX_INNER:
            break
        inner *= 2
    samples = []
    for _ in range(repetitions):
        start = clock()
        for _ in range(inner):
            call()
        samples.append((clock() - start) / 1e6 / inner)
    return samples, inner


def _inner_count(call, threshold_ns):
    """The smallest power-of-two number of calls that takes at least `threshold_ns`."""
    clock = time.perf_counter_ns
    inner = 1
    while True:
        start = clock()
        for _ in range(inner):
            call()
        if clock() - start >= threshold_ns or inner >= MAX_INNER:
            return inner
        inner *= 2


def time_interleaved(call, reference, warmup, repetitions, min_sample_ms):
    """Like `time_calls`, but every sample of `call` is followed by one of `reference`, so that
    their ratio is immune to the machine changing speed between samples. Returns (samples,
    inner, reference samples)."""
    for _ in range(warmup):
        call()
        reference()
    clock = time.perf_counter_ns
    inner = _inner_count(call, min_sample_ms * 1e6)
    inner_ref = _inner_count(reference, min_sample_ms * 1e6)
    samples, ref_samples = [], []
    for _ in range(repetitions):
        start = clock()
        for _ in range(inner):
            call()
        middle = clock()
        for _ in range(inner_ref):
            reference()
        end = clock()
        samples.append((middle - start) / 1e6 / inner)
        ref_samples.append((end - middle) / 1e6 / inner_ref)
    return samples, inner, ref_samples

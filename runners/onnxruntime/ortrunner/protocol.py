"""The JSON-lines protocol: ``Runner`` validates a request, dispatches it by kind (``info``,
``overhead``, ``op``, ``arch``), keeps the 32 most recently built sessions and returns the reply
object; ``main`` keeps stdout private to replies, reads request lines from stdin and writes one
reply line each until end of input."""

from __future__ import annotations

import collections
import json
import math
import os
import platform
import sys

import numpy as np
import onnx

from .errors import SpecError, _one_line, log
from .graph import build_arch_model, build_layer_model, overhead_model
from .spec import _int_value, _require, parse_layer
from .timing import Prepared, make_session, ort, time_calls, time_interleaved

RUNNER_NAME = "onnxruntime"
SESSION_CACHE_SIZE = 32


class Runner:
    def __init__(self):
        self.cache = collections.OrderedDict()  # key -> Prepared

    # ---- request handling ----

    def handle_line(self, line):
        """Returns the reply object for one request line."""
        try:
            request = json.loads(line)
        except ValueError as exc:
            return {"id": None, "error": f"request is not valid JSON: {_one_line(exc)}"}
        if not isinstance(request, dict):
            return {"id": None, "error": "request must be a JSON object"}
        rid = request.get("id")
        if isinstance(rid, bool) or not isinstance(rid, int):
            return {"id": None, "error": f"request needs an integer 'id', got {json.dumps(rid)[:80]}"}
        try:
            reply = self.handle(request)
        except SpecError as exc:
            log(f"request {rid}: {exc}")
            return {"id": rid, "error": str(exc)}
        except Exception as exc:  # never crash on a request
            log(f"request {rid}: unexpected {type(exc).__name__}: {_one_line(exc)}")
            return {"id": rid, "error": f"{type(exc).__name__}: {_one_line(exc)}"}
        return {"id": rid, **reply}

    def handle(self, request):
        kind = request.get("kind")
        if kind == "info":
            return self.info()
        if kind not in ("op", "arch", "overhead"):
            raise SpecError(f"unknown kind {json.dumps(kind)} (expected op, arch, info or overhead)")
        warmup = _int_value(request.get("warmup", 0), "field 'warmup'")
        repetitions = _int_value(_require(request, "repetitions", "request"), "field 'repetitions'")
        threads = _int_value(request.get("threads", 1), "field 'threads'")
        min_ms = request.get("min_sample_ms", 1.0)
        if isinstance(min_ms, bool) or not isinstance(min_ms, (int, float)) or not math.isfinite(min_ms):
            raise SpecError(f"field 'min_sample_ms' must be a number, got {json.dumps(min_ms)}")
        if warmup < 0:
            raise SpecError(f"field 'warmup' must be >= 0, got {warmup}")
        if repetitions < 1:
            raise SpecError(f"field 'repetitions' must be >= 1, got {repetitions}")
        if threads < 1:
            raise SpecError(f"field 'threads' must be >= 1, got {threads}")
        if kind == "overhead":
            prepared = self.prepared("overhead", None, threads)
        else:
            spec = _require(request, "spec", "request")
            prepared = self.prepared(kind, spec, threads)
        reference_spec = request.get("reference")
        if reference_spec is not None and kind != "overhead":
            reference = self.prepared(kind, reference_spec, threads)
            prepared = self.prepared(kind, spec, threads)  # keep both cached
            samples, inner, ref_samples = time_interleaved(prepared.call, reference.call, warmup, repetitions,
                                                           max(0.0, float(min_ms)))
            return {"samples_ms": samples, "inner": inner, "reference_samples_ms": ref_samples}
        samples, inner = time_calls(prepared.call, warmup, repetitions, max(0.0, float(min_ms)))
        return {"samples_ms": samples, "inner": inner}

    def info(self):
        return {
            "runner": RUNNER_NAME,
            "onnxruntime": ort.__version__ if ort is not None else None,
            "onnx": onnx.__version__,
            "numpy": np.__version__,
            "providers": ort.get_available_providers() if ort is not None else [],
            "python": platform.python_version(),
        }

    def prepared(self, kind, spec, threads):
        key = kind + "|" + str(threads) + "|" + json.dumps(spec, sort_keys=True, separators=(",", ":"))
        cached = self.cache.get(key)
        if cached is not None:
            self.cache.move_to_end(key)
            return cached
        if kind == "overhead":
            model, expected, what = overhead_model(), [1], "overhead graph"
        elif kind == "op":
            layer_obj = _require(spec, "layer", "op spec")
            label = spec.get("key") if isinstance(spec, dict) else None
            where = f"layer {json.dumps(label)}" if isinstance(label, str) else "layer"
            layer = parse_layer(layer_obj, where)
            model, _ = build_layer_model(layer)
            expected, what = layer.output.dims(), f"{where} ({layer.op})"
        else:
            model, _ = build_arch_model(spec)
            last = len(spec["nodes"]) - 1
            expected = list(model.graph.output[0].type.tensor_type.shape.dim)
            expected = [d.dim_value for d in expected]
            what = f"node {last} ({spec['nodes'][last]['layer']['op']})"
        try:
            session = make_session(model, threads)
        except Exception as exc:
            raise SpecError(f"{what}: onnxruntime could not create a session: {_one_line(exc)}") from exc
        prepared = Prepared(session)
        try:
            outputs = prepared.run_once()
        except Exception as exc:
            raise SpecError(f"{what}: onnxruntime failed to run the graph: {_one_line(exc)}") from exc
        got = list(outputs[0].shape)
        if got != expected:
            raise SpecError(f"{what}: output shape {got} from onnxruntime differs from the spec's "
                            f"output {expected}")
        prepared.bind(outputs)
        self.cache[key] = prepared
        while len(self.cache) > SESSION_CACHE_SIZE:
            self.cache.popitem(last=False)
        return prepared


def main():
    # Keep the protocol channel private: replies go to a duplicate of the original stdout, and
    # fd 1 (and sys.stdout) point at stderr so nothing else can ever reach Vernier's pipe.
    reply_fd = os.dup(1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    out = os.fdopen(reply_fd, "w", encoding="utf-8", buffering=1)
    if ort is not None:
        ort.set_default_logger_severity(3)
    runner = Runner()
    stdin = sys.stdin.buffer
    while True:
        raw = stdin.readline()
        if not raw:
            break
        line = raw.decode("utf-8", errors="replace").strip()
        if not line:
            continue
        reply = runner.handle_line(line)
        try:
            out.write(json.dumps(reply, allow_nan=False) + "\n")
            out.flush()
        except BrokenPipeError:
            break
        except ValueError as exc:  # a non-finite number in the reply
            out.write(json.dumps({"id": reply.get("id"), "error": f"reply not encodable: {exc}"}) + "\n")
            out.flush()
    try:
        out.close()
    except BrokenPipeError:
        pass
    return 0

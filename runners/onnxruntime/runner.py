#!/usr/bin/env python3
"""Vernier runner for ONNX Runtime (CPU execution provider).

Vernier starts this program once per profiling session and talks JSON lines over stdin/stdout:
one request object per line in, one reply object per line out. The runner builds an ONNX graph
for a layer spec (``kind: "op"``) or a whole network (``kind: "arch"``), runs it with ONNX
Runtime's CPUExecutionProvider and replies with per-call timing samples in milliseconds.

Nothing but reply lines is ever written to stdout: file descriptor 1 is redirected to stderr at
start-up (so stray prints from native libraries cannot corrupt the protocol) and replies go to a
private duplicate of the original stdout. Logs go to stderr.

The graph construction is importable (``build_layer_model``, ``build_arch_model``) so tests can
recompute the graph's meaning in numpy from the returned initializers.

This file is the entry point; the code lives in the ``ortrunner`` package next to it, split by
concern (``errors``, ``spec``, ``graph``, ``timing``, ``protocol``), and its public names are
re-exported here. The package is found from the script's own directory, whatever the working
directory.
"""

from __future__ import annotations

import os
import sys

_HERE = os.path.dirname(os.path.abspath(__file__))
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)

from ortrunner.errors import SpecError, log  # noqa: E402
from ortrunner.graph import (  # noqa: E402
    IR_VERSION, OPSET, WEIGHT_SEED, GraphBuilder, build_arch_model, build_layer_model, overhead_model)
from ortrunner.protocol import RUNNER_NAME, SESSION_CACHE_SIZE, Runner, main  # noqa: E402
from ortrunner.spec import (  # noqa: E402
    ACTIVATIONS, LAYER_BOOL_FIELDS, LAYER_INT_FIELDS, OPS, SE_GATES, Layer, Shape, expected_output,
    parse_layer, parse_shape)
from ortrunner.timing import (  # noqa: E402
    INPUT_SEED, MAX_INNER, Prepared, make_session, ort, time_calls, time_interleaved)

__all__ = [
    "ACTIVATIONS", "INPUT_SEED", "IR_VERSION", "LAYER_BOOL_FIELDS", "LAYER_INT_FIELDS", "MAX_INNER",
    "OPS", "OPSET", "RUNNER_NAME", "SESSION_CACHE_SIZE", "SE_GATES", "WEIGHT_SEED", "GraphBuilder",
    "Layer", "Prepared", "Runner", "Shape", "SpecError", "build_arch_model", "build_layer_model",
    "expected_output", "log", "main", "make_session", "ort", "overhead_model", "parse_layer",
    "parse_shape", "time_calls", "time_interleaved",
]


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(0)

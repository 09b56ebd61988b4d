"""The ONNX Runtime runner's code, split by concern; ``runner.py`` next to this package is the
entry point (``python runners/onnxruntime/runner.py``) and re-exports the public names.

- ``errors``: ``SpecError`` (a request or spec that cannot be served), one-line error text, the
  stderr log.
- ``spec``: parsing and validating layer specs (``Shape``, ``Layer``, ``parse_layer``) and the
  JSON field helpers the protocol shares.
- ``graph``: building ONNX models for a layer, a ``vernier-layers-1`` network and the overhead
  graph (``GraphBuilder``, ``build_layer_model``, ``build_arch_model``, ``overhead_model``).
- ``timing``: ONNX Runtime sessions with Vernier's settings, inputs bound once (``Prepared``) and
  the warm-up / timing loops (``time_calls``, ``time_interleaved``).
- ``protocol``: the JSON-lines protocol: request validation and dispatch, the session cache
  (``Runner``) and the stdin/stdout loop (``main``).
"""

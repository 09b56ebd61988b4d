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
"""

from __future__ import annotations

import collections
import json
import math
import os
import platform
import sys
import time
from dataclasses import dataclass

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

try:  # ORT is needed to serve requests; graph building alone works without it.
    import onnxruntime as ort
except ImportError:  # pragma: no cover - reported by the info/op replies
    ort = None

RUNNER_NAME = "onnxruntime"
OPSET = 17
# IR version 8 is the one that goes with opset 17; onnx 1.23 would otherwise stamp its newest IR
# version, which older runtimes refuse.
IR_VERSION = 8
WEIGHT_SEED = 1
INPUT_SEED = 2
SESSION_CACHE_SIZE = 32
MAX_INNER = 1 << 24

OPS = ("conv", "dwconv", "mbconv", "avgpool", "maxpool", "globalpool", "fc", "add", "shuffle", "se",
       "bn", "act", "zero")
ACTIVATIONS = ("none", "relu", "relu6", "hswish", "sigmoid", "hsigmoid")
SE_GATES = ("sigmoid", "hsigmoid")
LAYER_INT_FIELDS = ("kernel", "stride", "expansion", "midChannels", "groups", "seChannels", "inputs",
                    "padding")
LAYER_BOOL_FIELDS = ("preActivation", "batchNorm", "bias", "residual")


class SpecError(Exception):
    """A request or spec that cannot be served; the message names what was wrong."""


# --------------------------------------------------------------------------------------------
# Spec parsing and validation
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Shape:
    height: int
    width: int
    channels: int

    def dims(self):
        """ONNX tensor dims [1, C, H, W]."""
        return [1, self.channels, self.height, self.width]

    def __str__(self):
        return f"{self.height}x{self.width}x{self.channels}"


@dataclass(frozen=True)
class Layer:
    op: str
    input: Shape
    output: Shape
    kernel: int
    stride: int
    expansion: int
    midChannels: int
    groups: int
    seChannels: int
    seGate: str
    activation: str
    preActivation: bool
    batchNorm: bool
    bias: bool
    residual: bool
    inputs: int
    padding: int


def _int_value(value, what):
    if isinstance(value, bool):
        raise SpecError(f"{what} must be an integer, got {json.dumps(value)}")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    raise SpecError(f"{what} must be an integer, got {json.dumps(value)}")


def _require(obj, field, where):
    if not isinstance(obj, dict):
        raise SpecError(f"{where} must be a JSON object, got {json.dumps(obj)[:80]}")
    if field not in obj:
        raise SpecError(f"{where}: missing field '{field}'")
    return obj[field]


def parse_shape(obj, where, name):
    """Parses the Shape in field `name` of `where` (error messages say "<where> field 'name.height'")."""
    if not isinstance(obj, dict):
        raise SpecError(f"{where} field '{name}' must be a shape object {{height, width, channels}}, "
                        f"got {json.dumps(obj)[:80]}")
    values = {}
    for field in ("height", "width", "channels"):
        if field not in obj:
            raise SpecError(f"{where}: missing field '{name}.{field}'")
        value = _int_value(obj[field], f"{where} field '{name}.{field}'")
        if value < 1:
            raise SpecError(f"{where} field '{name}.{field}' must be >= 1, got {value}")
        values[field] = value
    return Shape(**values)


def parse_layer(obj, where="layer"):
    """Parses and validates a Layer object; errors name `where`, the op and the field."""
    if not isinstance(obj, dict):
        raise SpecError(f"{where} must be a JSON object, got {json.dumps(obj)[:80]}")
    op = _require(obj, "op", where)
    if not isinstance(op, str) or op not in OPS:
        raise SpecError(f"{where}: unknown op {json.dumps(op)} (supported: {', '.join(OPS)})")
    here = f"{where} ({op})"
    values = {"op": op}
    for field in ("input", "output"):
        values[field] = parse_shape(_require(obj, field, here), here, field)
    for field in LAYER_INT_FIELDS:
        values[field] = _int_value(_require(obj, field, here), f"{here} field '{field}'")
    for field in LAYER_BOOL_FIELDS:
        value = _require(obj, field, here)
        if not isinstance(value, bool):
            raise SpecError(f"{here} field '{field}' must be true or false, got {json.dumps(value)}")
        values[field] = value
    for field, allowed in (("activation", ACTIVATIONS), ("seGate", ACTIVATIONS)):
        value = _require(obj, field, here)
        if value not in allowed:
            raise SpecError(f"{here} field '{field}': unknown activation {json.dumps(value)} "
                            f"(supported: {', '.join(allowed)})")
        values[field] = value
    layer = Layer(**values)
    _validate_layer(layer, here)
    return layer


def _window_out(size, kernel, stride, padding):
    return (size + 2 * padding - kernel) // stride + 1


def expected_output(layer: Layer) -> Shape:
    """The output shape the op computes from `layer.input` (channels from the spec where free)."""
    i = layer.input
    op = layer.op
    if op in ("conv", "dwconv", "mbconv", "avgpool", "maxpool"):
        h = _window_out(i.height, layer.kernel, layer.stride, layer.padding)
        w = _window_out(i.width, layer.kernel, layer.stride, layer.padding)
        c = layer.output.channels if op in ("conv", "mbconv") else i.channels
        return Shape(h, w, c)
    if op == "globalpool":
        return Shape(1, 1, i.channels)
    if op == "fc":
        return Shape(1, 1, layer.output.channels)
    if op == "zero":
        return layer.output
    return i  # add, shuffle, se, bn, act


def _validate_layer(layer: Layer, here):
    for field in ("kernel", "stride", "groups", "inputs"):
        if getattr(layer, field) < 1:
            raise SpecError(f"{here} field '{field}' must be >= 1, got {getattr(layer, field)}")
    for field in ("padding", "seChannels", "midChannels", "expansion"):
        if getattr(layer, field) < 0:
            raise SpecError(f"{here} field '{field}' must be >= 0, got {getattr(layer, field)}")
    op, cin, cout, g = layer.op, layer.input.channels, layer.output.channels, layer.groups
    if op == "add":
        if layer.inputs < 2:
            raise SpecError(f"{here} field 'inputs' must be >= 2 for add, got {layer.inputs}")
    elif layer.inputs != 1:
        raise SpecError(f"{here} field 'inputs' must be 1 for {op}, got {layer.inputs}")
    if op in ("conv", "dwconv", "mbconv", "avgpool", "maxpool"):
        if layer.padding >= layer.kernel and op in ("avgpool", "maxpool"):
            raise SpecError(f"{here} field 'padding' = {layer.padding} must be smaller than "
                            f"kernel {layer.kernel}")
        for dim in ("height", "width"):
            size = getattr(layer.input, dim)
            if size + 2 * layer.padding < layer.kernel:
                raise SpecError(f"{here} field 'kernel' = {layer.kernel} is larger than padded "
                                f"input.{dim} {size} + 2*{layer.padding}")
    if op == "conv":
        if cin % g or cout % g:
            raise SpecError(f"{here} field 'groups' = {g} must divide input.channels {cin} and "
                            f"output.channels {cout}")
    if op == "mbconv":
        mid = layer.midChannels
        if layer.expansion < 1:
            raise SpecError(f"{here} field 'expansion' must be >= 1, got {layer.expansion}")
        if mid < 1:
            raise SpecError(f"{here} field 'midChannels' must be >= 1, got {mid}")
        if mid % g or cout % g:
            raise SpecError(f"{here} field 'groups' = {g} must divide midChannels {mid} and "
                            f"output.channels {cout}")
        if _has_expansion(layer) and cin % g:
            raise SpecError(f"{here} field 'groups' = {g} must divide input.channels {cin}")
    if op == "shuffle" and cin % g:
        raise SpecError(f"{here} field 'groups' = {g} must divide input.channels {cin}")
    if op in ("conv", "se") and layer.seChannels > 0 and layer.seGate not in SE_GATES:
        raise SpecError(f"{here} field 'seGate' must be sigmoid or hsigmoid, got {layer.seGate}")
    if op == "mbconv" and layer.seChannels > 0 and layer.seGate not in SE_GATES:
        raise SpecError(f"{here} field 'seGate' must be sigmoid or hsigmoid, got {layer.seGate}")
    if op == "se" and layer.seChannels < 1:
        raise SpecError(f"{here} field 'seChannels' must be >= 1 for se, got {layer.seChannels}")
    if op == "conv" and layer.residual and layer.output != layer.input:
        raise SpecError(f"{here} field 'residual' needs output {layer.output} equal to input "
                        f"{layer.input}")
    if op == "mbconv" and layer.residual and layer.output != layer.input:
        raise SpecError(f"{here} field 'residual' needs output {layer.output} equal to input "
                        f"{layer.input}")
    expected = expected_output(layer)
    if expected != layer.output:
        raise SpecError(f"{here} field 'output' = {layer.output} does not match what the op computes "
                        f"from input {layer.input} (kernel {layer.kernel}, stride {layer.stride}, "
                        f"padding {layer.padding}): {expected}")


def _has_expansion(layer: Layer):
    return layer.expansion > 1 or layer.midChannels != layer.input.channels


# --------------------------------------------------------------------------------------------
# Graph construction
# --------------------------------------------------------------------------------------------

class GraphBuilder:
    """Collects nodes and initializers; weights are float32 normal / sqrt(fan_in)."""

    def __init__(self, seed=WEIGHT_SEED):
        self.rng = np.random.default_rng(seed)
        self.nodes = []
        self.initializers = {}  # name -> numpy array, in creation order
        self._count = collections.Counter()

    def unique(self, base):
        n = self._count[base]
        self._count[base] += 1
        return base if n == 0 else f"{base}_{n}"

    def constant(self, name, array):
        """An initializer with an exact name (shared constants reuse it)."""
        if name not in self.initializers:
            self.initializers[name] = np.asarray(array)
        return name

    def weight(self, name, shape, fan_in):
        name = self.unique(name)
        scale = 1.0 / math.sqrt(max(fan_in, 1))
        self.initializers[name] = (self.rng.standard_normal(shape) * scale).astype(np.float32)
        return name

    def node(self, op_type, inputs, base, **attrs):
        out = self.unique(base)
        self.nodes.append(helper.make_node(op_type, list(inputs), [out], name=out, **attrs))
        return out

    # ---- building blocks ----

    def activation(self, x, act, prefix):
        if act == "none":
            return x
        if act == "relu":
            return self.node("Relu", [x], f"{prefix}relu")
        if act == "relu6":
            lo = self.constant("const.zero", np.array(0.0, dtype=np.float32))
            hi = self.constant("const.six", np.array(6.0, dtype=np.float32))
            return self.node("Clip", [x, lo, hi], f"{prefix}relu6")
        if act == "hswish":
            return self.node("HardSwish", [x], f"{prefix}hswish")
        if act == "sigmoid":
            return self.node("Sigmoid", [x], f"{prefix}sigmoid")
        if act == "hsigmoid":
            return self.node("HardSigmoid", [x], f"{prefix}hsigmoid", alpha=1.0 / 6.0, beta=0.5)
        raise SpecError(f"unknown activation {act!r}")

    def conv(self, x, cin, cout, kernel, stride, padding, groups, prefix):
        fan_in = cin // groups * kernel * kernel
        w = self.weight(f"{prefix}w", [cout, cin // groups, kernel, kernel], fan_in)
        b = self.weight(f"{prefix}b", [cout], 1)
        return self.node("Conv", [x, w, b], f"{prefix}out", kernel_shape=[kernel, kernel],
                         strides=[stride, stride], pads=[padding] * 4, group=groups, dilations=[1, 1])

    def squeeze_excite(self, x, channels, reduced, gate, prefix):
        pooled = self.node("GlobalAveragePool", [x], f"{prefix}pool")
        hidden = self.conv(pooled, channels, reduced, 1, 1, 0, 1, f"{prefix}reduce.")
        hidden = self.node("Relu", [hidden], f"{prefix}relu")
        scale = self.conv(hidden, reduced, channels, 1, 1, 0, 1, f"{prefix}expand.")
        scale = self.activation(scale, gate, f"{prefix}gate.")
        return self.node("Mul", [x, scale], f"{prefix}out")

    def shuffle(self, x, shape: Shape, groups, prefix):
        c, h, w = shape.channels, shape.height, shape.width
        split = self.constant(f"const.shape.{groups}x{c // groups}x{h}x{w}",
                              np.array([1, groups, c // groups, h, w], dtype=np.int64))
        merged = self.constant(f"const.shape.{c}x{h}x{w}", np.array([1, c, h, w], dtype=np.int64))
        t = self.node("Reshape", [x, split], f"{prefix}split")
        t = self.node("Transpose", [t], f"{prefix}transpose", perm=[0, 2, 1, 3, 4])
        return self.node("Reshape", [t, merged], f"{prefix}out")

    def layer(self, layer: Layer, inputs, prefix=""):
        """Emits `layer` reading tensors `inputs`; returns the output tensor name.

        Initializer names (relative to `prefix`): conv ``conv.w/b``, SE ``se.reduce.w/b``,
        ``se.expand.w/b``; dwconv ``dw.w/b``; mbconv ``expand.w/b``, ``dw.w/b``, ``se.*``,
        ``project.w/b``; fc ``fc.w/b``; bn ``bn.scale/bias/mean/var``.
        """
        op, p = layer.op, prefix
        x = inputs[0]
        cin, cout = layer.input.channels, layer.output.channels
        k, s, pad, g = layer.kernel, layer.stride, layer.padding, layer.groups
        if op == "conv":
            source = self.node("Relu", [x], f"{p}preact") if layer.preActivation else x
            y = self.conv(source, cin, cout, k, s, pad, g, f"{p}conv.")
            y = self.activation(y, layer.activation, f"{p}act.")
            if layer.seChannels > 0:
                y = self.squeeze_excite(y, cout, layer.seChannels, layer.seGate, f"{p}se.")
            if layer.residual:
                y = self.node("Add", [y, x], f"{p}residual")
            return y
        if op == "dwconv":
            y = self.conv(x, cin, cin, k, s, pad, cin, f"{p}dw.")
            return self.activation(y, layer.activation, f"{p}act.")
        if op == "mbconv":
            mid = layer.midChannels
            y = x
            if _has_expansion(layer):
                y = self.conv(y, cin, mid, 1, 1, 0, g, f"{p}expand.")
                y = self.activation(y, layer.activation, f"{p}expand.act.")
                if g > 1:
                    y = self.shuffle(y, Shape(layer.input.height, layer.input.width, mid), g,
                                     f"{p}shuffle.")
            y = self.conv(y, mid, mid, k, s, pad, mid, f"{p}dw.")
            y = self.activation(y, layer.activation, f"{p}dw.act.")
            if layer.seChannels > 0:
                y = self.squeeze_excite(y, mid, layer.seChannels, layer.seGate, f"{p}se.")
            y = self.conv(y, mid, cout, 1, 1, 0, g, f"{p}project.")
            if layer.residual:
                y = self.node("Add", [y, x], f"{p}residual")
            return y
        if op == "avgpool":
            return self.node("AveragePool", [x], f"{p}avgpool", kernel_shape=[k, k], strides=[s, s],
                             pads=[pad] * 4, count_include_pad=0)
        if op == "maxpool":
            return self.node("MaxPool", [x], f"{p}maxpool", kernel_shape=[k, k], strides=[s, s],
                             pads=[pad] * 4)
        if op == "globalpool":
            return self.node("GlobalAveragePool", [x], f"{p}globalpool")
        if op == "fc":
            features = layer.input.channels * layer.input.height * layer.input.width
            flat = self.node("Flatten", [x], f"{p}flatten", axis=1)
            w = self.weight(f"{p}fc.w", [cout, features], features)
            b = self.weight(f"{p}fc.b", [cout], 1)
            y = self.node("Gemm", [flat, w, b], f"{p}fc.out", transB=1)
            y = self.activation(y, layer.activation, f"{p}act.")
            shape = self.constant(f"const.shape.{cout}x1x1", np.array([1, cout, 1, 1], dtype=np.int64))
            return self.node("Reshape", [y, shape], f"{p}fc.reshape")
        if op == "add":
            if len(inputs) == 1:
                y = x
            elif len(inputs) == 2:
                y = self.node("Add", list(inputs), f"{p}add")
            else:
                y = self.node("Sum", list(inputs), f"{p}sum")
            return self.activation(y, layer.activation, f"{p}act.")
        if op == "shuffle":
            return self.shuffle(x, layer.input, g, f"{p}shuffle.")
        if op == "se":
            return self.squeeze_excite(x, cin, layer.seChannels, layer.seGate, f"{p}se.")
        if op == "bn":
            scale = self.weight(f"{p}bn.scale", [cin], 1)
            bias = self.weight(f"{p}bn.bias", [cin], 1)
            mean = self.constant(self.unique(f"{p}bn.mean"), np.zeros(cin, dtype=np.float32))
            var = self.constant(self.unique(f"{p}bn.var"), np.ones(cin, dtype=np.float32))
            y = self.node("BatchNormalization", [x, scale, bias, mean, var], f"{p}bn")
            return self.activation(y, layer.activation, f"{p}act.")
        if op == "act":
            return self.activation(x, layer.activation, f"{p}act.")
        if op == "zero":
            zero = self.constant("const.zero", np.array(0.0, dtype=np.float32))
            if layer.output == layer.input:
                return self.node("Mul", [x, zero], f"{p}zero")
            # A different output shape: reduce the input to one value (so the graph still reads
            # it), multiply by 0 and broadcast to the output shape.
            r = self.node("ReduceMean", [x], f"{p}zero.reduce", keepdims=1)
            r = self.node("Mul", [r, zero], f"{p}zero.mul")
            dims = self.constant(f"const.shape.{layer.output.channels}x{layer.output.height}x"
                                 f"{layer.output.width}", np.array(layer.output.dims(), dtype=np.int64))
            return self.node("Expand", [r, dims], f"{p}zero")
        raise SpecError(f"unsupported op {op!r}")

    def model(self, graph_inputs, output, output_shape: Shape, name):
        """Wraps the collected nodes in a checked ModelProto. `graph_inputs`: [(name, Shape)]."""
        input_names = {n for n, _ in graph_inputs}
        if output in input_names or output in self.initializers:
            output = self.node("Identity", [output], "output")
        inits = [numpy_helper.from_array(array, name) for name, array in self.initializers.items()]
        graph = helper.make_graph(
            self.nodes, name,
            [helper.make_tensor_value_info(n, TensorProto.FLOAT, shape.dims()) for n, shape in graph_inputs],
            [helper.make_tensor_value_info(output, TensorProto.FLOAT, output_shape.dims())],
            initializer=inits)
        model = helper.make_model(graph, producer_name="vernier-onnxruntime-runner",
                                  opset_imports=[helper.make_opsetid("", OPSET)])
        model.ir_version = IR_VERSION
        onnx.checker.check_model(model, full_check=True)
        return model


def build_layer_model(layer, seed=WEIGHT_SEED):
    """Builds the ONNX model of one layer (a Layer, or its JSON dict).

    Returns ``(model, initializers)`` where initializers maps names (``conv.w``, ``dw.b`` …, see
    ``GraphBuilder.layer``) to the float32 numpy arrays in the model. Graph inputs are ``x0`` …
    ``x{inputs-1}``, each of shape ``layer.input``; the single output has shape ``layer.output``.
    """
    if not isinstance(layer, Layer):
        layer = parse_layer(layer, "layer")
    builder = GraphBuilder(seed)
    names = [f"x{i}" for i in range(layer.inputs)]
    try:
        out = builder.layer(layer, names)
        model = builder.model([(n, layer.input) for n in names], out, layer.output, f"layer_{layer.op}")
    except SpecError:
        raise
    except Exception as exc:  # onnx checker / shape inference
        raise SpecError(f"layer ({layer.op}): ONNX model is invalid: {_one_line(exc)}") from exc
    return model, builder.initializers


def build_arch_model(spec, seed=WEIGHT_SEED):
    """Builds the ONNX model of a ``vernier-layers-1`` network spec.

    Returns ``(model, initializers)``; initializer names are prefixed ``n<index>.``. The graph
    input is ``image`` of shape ``spec.input``; the output is the last node's output.
    """
    if not isinstance(spec, dict):
        raise SpecError("arch spec must be a JSON object")
    fmt = _require(spec, "format", "arch spec")
    if fmt != "vernier-layers-1":
        raise SpecError(f"arch spec field 'format': unsupported format {json.dumps(fmt)} "
                        "(expected \"vernier-layers-1\")")
    image = parse_shape(_require(spec, "input", "arch spec"), "arch spec", "input")
    nodes = _require(spec, "nodes", "arch spec")
    if not isinstance(nodes, list) or not nodes:
        raise SpecError("arch spec field 'nodes' must be a non-empty list")
    builder = GraphBuilder(seed)
    tensors = []  # (tensor name, Shape) per node
    layers = []
    for index, node in enumerate(nodes):
        where = f"node {index}"
        layer = parse_layer(_require(node, "layer", where), where)
        here = f"{where} ({layer.op})"
        refs = _require(node, "inputs", where)
        if not isinstance(refs, list) or not refs:
            raise SpecError(f"{here} field 'inputs' must be a non-empty list of node indices")
        if len(refs) > 1 and layer.op != "add":
            raise SpecError(f"{here} has {len(refs)} inputs; only an add node may have several")
        if layer.op == "add" and len(refs) != layer.inputs:
            raise SpecError(f"{here} lists {len(refs)} inputs but its layer field 'inputs' = {layer.inputs}")
        sources = []
        for ref in refs:
            ref = _int_value(ref, f"{here} field 'inputs'")
            if ref == -1:
                name, shape = "image", image
            elif 0 <= ref < index:
                name, shape = tensors[ref]
            else:
                raise SpecError(f"{here} field 'inputs': {ref} is not -1 or an earlier node index")
            if shape != layer.input:
                source = "the graph input" if ref == -1 else f"node {ref}"
                raise SpecError(f"{here} field 'input' = {layer.input} does not match {source} "
                                f"output {shape}")
            sources.append(name)
        try:
            out = builder.layer(layer, sources, prefix=f"n{index}.")
        except SpecError as exc:
            raise SpecError(f"{here}: {exc}") from exc
        tensors.append((out, layer.output))
        layers.append(layer)
    out, shape = tensors[-1]
    try:
        model = builder.model([("image", image)], out, shape, str(spec.get("arch", "arch"))[:100])
    except Exception as exc:
        raise SpecError(f"arch: ONNX model is invalid: {_one_line(exc)}") from exc
    return model, builder.initializers


def overhead_model():
    """Identity on a float tensor of shape [1]: the per-call floor of the runner."""
    node = helper.make_node("Identity", ["x0"], ["y"], name="identity")
    graph = helper.make_graph([node], "overhead",
                              [helper.make_tensor_value_info("x0", TensorProto.FLOAT, [1])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1])])
    model = helper.make_model(graph, producer_name="vernier-onnxruntime-runner",
                              opset_imports=[helper.make_opsetid("", OPSET)])
    model.ir_version = IR_VERSION
    onnx.checker.check_model(model, full_check=True)
    return model


# --------------------------------------------------------------------------------------------
# Sessions and timing
# --------------------------------------------------------------------------------------------

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


def _one_line(exc):
    text = " ".join(str(exc).split())
    return text[:1000] if text else type(exc).__name__


def log(message):
    print(f"[onnxruntime-runner] {message}", file=sys.stderr, flush=True)


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


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(0)

"""ONNX graph construction: ``GraphBuilder`` (nodes, seeded weights, the ops' building
blocks), ``build_layer_model`` for one layer, ``build_arch_model`` for a ``vernier-layers-1``
network spec (parsing and checking its nodes) and ``overhead_model`` (the per-call floor). Models
are opset 17, IR version 8, float32, NCHW, batch 1, and pass ``onnx.checker``."""

from __future__ import annotations

import collections
import json
import math

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

from .errors import SpecError, _one_line
from .spec import Layer, Shape, _has_expansion, _int_value, _require, parse_layer, parse_shape

OPSET = 17
# IR version 8 is the one that goes with opset 17; onnx 1.23 would otherwise stamp its newest IR
# version, which older runtimes refuse.
IR_VERSION = 8
WEIGHT_SEED = 1


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

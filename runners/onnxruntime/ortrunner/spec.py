"""Layer specs: the supported ops and activations, the ``Shape`` and ``Layer`` records, and
parsing / validation of a layer's JSON object (errors name the node, op and field). Also the
JSON field helpers (``_int_value``, ``_require``) that the arch parser and the protocol use."""

from __future__ import annotations

import json
from dataclasses import dataclass

from .errors import SpecError

OPS = ("conv", "dwconv", "mbconv", "avgpool", "maxpool", "globalpool", "fc", "add", "shuffle", "se",
       "bn", "act", "zero")
ACTIVATIONS = ("none", "relu", "relu6", "hswish", "sigmoid", "hsigmoid")
SE_GATES = ("sigmoid", "hsigmoid")
LAYER_INT_FIELDS = ("kernel", "stride", "expansion", "midChannels", "groups", "seChannels", "inputs",
                    "padding")
LAYER_BOOL_FIELDS = ("preActivation", "batchNorm", "bias", "residual")


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

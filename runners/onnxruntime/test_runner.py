"""Tests for the ONNX Runtime runner.

Run from the repository root:  python -m unittest discover -s runners/onnxruntime
(with a Python that has runners/onnxruntime/requirements.txt installed).
"""

import json
import os
import subprocess
import sys
import unittest

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import runner  # noqa: E402

RUNNER = os.path.join(HERE, "runner.py")


def shape(h, w, c):
    return {"height": h, "width": w, "channels": c}


def layer(op, inp, out, **fields):
    spec = {"op": op, "input": inp, "output": out, "kernel": 1, "stride": 1, "expansion": 1,
            "midChannels": 0, "groups": 1, "seChannels": 0, "seGate": "sigmoid", "activation": "none",
            "preActivation": False, "batchNorm": False, "bias": False, "residual": False, "inputs": 1,
            "padding": None}
    spec.update(fields)
    if spec["padding"] is None:
        spec["padding"] = spec["kernel"] // 2
    return spec


S8 = shape(8, 8, 8)

# name -> layer; every op kind and the variants the brief asks for.
LAYERS = {
    "conv": layer("conv", S8, shape(8, 8, 16), kernel=3, activation="relu", batchNorm=True),
    "conv_grouped": layer("conv", S8, shape(4, 4, 16), kernel=3, stride=2, groups=4, activation="relu6"),
    "conv_preact": layer("conv", S8, S8, kernel=3, preActivation=True, bias=True),
    "conv_se_residual": layer("conv", S8, S8, kernel=3, activation="relu", seChannels=4,
                              seGate="hsigmoid", residual=True, batchNorm=True),
    "dwconv": layer("dwconv", S8, shape(4, 4, 8), kernel=5, stride=2, activation="relu", batchNorm=True),
    "mbconv_e1": layer("mbconv", S8, shape(8, 8, 16), kernel=3, midChannels=8, activation="relu",
                       batchNorm=True),
    "mbconv_e6_se_hswish": layer("mbconv", S8, S8, kernel=5, expansion=6, midChannels=48,
                                 activation="hswish", seChannels=12, seGate="hsigmoid", residual=True,
                                 batchNorm=True),
    "mbconv_g2": layer("mbconv", S8, shape(4, 4, 16), kernel=3, stride=2, expansion=3, midChannels=24,
                       groups=2, activation="relu", batchNorm=True),
    "avgpool": layer("avgpool", S8, shape(4, 4, 8), kernel=3, stride=2),
    "maxpool": layer("maxpool", S8, shape(4, 4, 8), kernel=3, stride=2),
    "globalpool": layer("globalpool", S8, shape(1, 1, 8)),
    "fc": layer("fc", shape(1, 1, 32), shape(1, 1, 10), bias=True),
    "fc_spatial": layer("fc", shape(2, 2, 8), shape(1, 1, 10), bias=True, activation="sigmoid"),
    "add3_relu": layer("add", S8, S8, inputs=3, activation="relu"),
    "shuffle": layer("shuffle", S8, S8, groups=2),
    "se": layer("se", S8, S8, seChannels=2),
    "bn": layer("bn", S8, S8, activation="hswish", batchNorm=True),
    "act": layer("act", S8, S8, activation="hsigmoid"),
    "zero": layer("zero", S8, S8),
}


class RunnerProcess:
    def __init__(self):
        self.proc = subprocess.Popen([sys.executable, RUNNER], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, text=True, bufsize=1)

    def send_line(self, line):
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()
        reply = self.proc.stdout.readline()
        if not reply:
            raise AssertionError("runner closed stdout")
        return json.loads(reply)

    def request(self, **fields):
        return self.send_line(json.dumps(fields))

    def close(self):
        self.proc.stdin.close()
        rc = self.proc.wait(timeout=30)
        self.proc.stdout.close()
        return rc


class ProtocolTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.runner = RunnerProcess()
        cls.next_id = 0

    @classmethod
    def tearDownClass(cls):
        rc = cls.runner.close()
        assert rc == 0, f"runner exited with {rc}"

    def ask(self, **fields):
        ProtocolTests.next_id += 1
        rid = ProtocolTests.next_id
        reply = self.runner.request(id=rid, **fields)
        self.assertEqual(reply.get("id"), rid, reply)
        return reply

    def timed(self, kind, spec=None, threads=1, reference=None):
        fields = dict(kind=kind, space="test", warmup=1, repetitions=3, min_sample_ms=0.05, threads=threads)
        if spec is not None:
            fields["spec"] = spec
        if reference is not None:
            fields["reference"] = reference
        return self.ask(**fields)

    def assert_samples(self, reply, count=3):
        self.assertNotIn("error", reply, reply)
        self.assertEqual(len(reply["samples_ms"]), count, reply)
        self.assertTrue(all(s > 0 for s in reply["samples_ms"]), reply)
        self.assertIsInstance(reply["inner"], int)
        self.assertGreaterEqual(reply["inner"], 1)

    def test_info(self):
        reply = self.ask(kind="info")
        self.assertEqual(reply["runner"], "onnxruntime")
        for field in ("onnxruntime", "onnx", "numpy", "providers", "python"):
            self.assertIn(field, reply)
        self.assertIn("CPUExecutionProvider", reply["providers"])

    def test_overhead(self):
        self.assert_samples(self.timed("overhead"))
        self.assert_samples(self.timed("overhead", threads=2))

    def test_every_op(self):
        for name, spec in LAYERS.items():
            with self.subTest(layer=name):
                self.assert_samples(self.timed("op", {"key": name, "layer": spec}))

    def test_repeated_spec_is_cached(self):
        spec = {"key": "conv", "layer": LAYERS["conv"]}
        self.assert_samples(self.timed("op", spec))
        self.assert_samples(self.timed("op", spec, threads=2))
        self.assert_samples(self.timed("op", spec))

    def test_arch(self):
        image = shape(16, 16, 3)
        nodes = [
            {"layer": layer("conv", image, shape(8, 8, 8), kernel=3, stride=2, activation="relu",
                            batchNorm=True), "inputs": [-1]},
            {"layer": layer("mbconv", S8, S8, kernel=3, expansion=3, midChannels=24, activation="relu6",
                            residual=True, batchNorm=True), "inputs": [0]},
            {"layer": layer("dwconv", S8, S8, kernel=3, activation="relu", batchNorm=True), "inputs": [1]},
            {"layer": layer("add", S8, S8, inputs=2), "inputs": [0, 2]},
            {"layer": layer("globalpool", S8, shape(1, 1, 8)), "inputs": [3]},
            {"layer": layer("fc", shape(1, 1, 8), shape(1, 1, 10), bias=True), "inputs": [4]},
        ]
        spec = {"format": "vernier-layers-1", "space": "test", "arch": "tiny", "resolution": 16,
                "input": image, "nodes": nodes}
        self.assert_samples(self.timed("arch", spec))
        bad = json.loads(json.dumps(spec))
        bad["nodes"][3]["inputs"] = [0, 4]
        reply = self.timed("arch", bad)
        self.assertIn("node 3", reply.get("error", ""), reply)
        short = json.loads(json.dumps(spec))
        short["nodes"][3]["inputs"] = [2]
        reply = self.timed("arch", short)
        self.assertIn("lists 1 inputs but its layer field 'inputs' = 2", reply.get("error", ""), reply)

    def test_reference_is_timed_interleaved(self):
        spec = {"key": "conv", "layer": LAYERS["conv"]}
        reference = {"key": "act", "layer": LAYERS["act"]}
        reply = self.timed("op", spec, reference=reference)
        self.assert_samples(reply)
        self.assertEqual(len(reply["reference_samples_ms"]), len(reply["samples_ms"]))
        self.assertTrue(all(x > 0 for x in reply["reference_samples_ms"]))

    def test_garbage_line(self):
        reply = self.runner.send_line("this is not json {")
        self.assertIsNone(reply["id"])
        self.assertIn("error", reply)
        reply = self.runner.send_line(json.dumps({"kind": "info"}))
        self.assertIsNone(reply["id"])
        self.assertIn("id", reply["error"])
        self.assertEqual(self.ask(kind="info")["runner"], "onnxruntime")

    def test_unknown_kind(self):
        reply = self.ask(kind="teleport")
        self.assertIn("teleport", reply["error"])

    def test_unknown_op(self):
        spec = layer("warp", S8, S8)
        reply = self.timed("op", {"key": "warp", "layer": spec})
        self.assertIn("warp", reply["error"])
        self.assert_samples(self.timed("op", {"key": "act", "layer": LAYERS["act"]}))

    def test_wrong_output_shape(self):
        spec = layer("act", S8, shape(8, 8, 9), activation="relu")
        reply = self.timed("op", {"key": "act-bad", "layer": spec})
        self.assertIn("error", reply)
        self.assertIn("output", reply["error"])
        spec = layer("conv", S8, shape(8, 8, 8), kernel=3, stride=2)
        self.assertIn("output", self.timed("op", {"key": "conv-bad", "layer": spec})["error"])

    def test_missing_field(self):
        spec = dict(LAYERS["conv"])
        del spec["kernel"]
        reply = self.timed("op", {"key": "conv", "layer": spec})
        self.assertIn("kernel", reply["error"])

    def test_bad_groups(self):
        spec = layer("conv", S8, S8, kernel=3, groups=3)
        reply = self.timed("op", {"key": "conv-g3", "layer": spec})
        self.assertIn("groups", reply["error"])

    def test_negative_size(self):
        spec = layer("act", shape(-1, 8, 8), S8)
        reply = self.timed("op", {"key": "neg", "layer": spec})
        self.assertIn("height", reply["error"])


# ---- numpy reference -------------------------------------------------------------------------

def np_conv(x, w, b, stride, pad, groups):
    _, cin, h, wd = x.shape
    cout, cpg, k, _ = w.shape
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    ho, wo = (h + 2 * pad - k) // stride + 1, (wd + 2 * pad - k) // stride + 1
    out = np.zeros((1, cout, ho, wo))
    opg = cout // groups
    for g in range(groups):
        xs = xp[:, g * cpg:(g + 1) * cpg]
        ws = w[g * opg:(g + 1) * opg]
        for i in range(k):
            for j in range(k):
                patch = xs[:, :, i:i + stride * ho:stride, j:j + stride * wo:stride]
                out[:, g * opg:(g + 1) * opg] += np.einsum("nchw,oc->nohw", patch, ws[:, :, i, j])
    return out + b[None, :, None, None]


def np_act(x, act):
    if act == "none":
        return x
    if act == "relu":
        return np.maximum(x, 0)
    if act == "relu6":
        return np.clip(x, 0, 6)
    if act == "hsigmoid":
        return np.clip(x / 6 + 0.5, 0, 1)
    if act == "hswish":
        return x * np.clip(x / 6 + 0.5, 0, 1)
    if act == "sigmoid":
        return 1 / (1 + np.exp(-x))
    raise ValueError(act)


def np_se(x, inits, prefix, gate):
    pooled = x.mean(axis=(2, 3), keepdims=True)
    hidden = np.maximum(np_conv(pooled, inits[prefix + "reduce.w"], inits[prefix + "reduce.b"], 1, 0, 1), 0)
    scale = np_conv(hidden, inits[prefix + "expand.w"], inits[prefix + "expand.b"], 1, 0, 1)
    return x * np_act(scale, gate)


def np_shuffle(x, groups):
    n, c, h, w = x.shape
    return x.reshape(n, groups, c // groups, h, w).transpose(0, 2, 1, 3, 4).reshape(n, c, h, w)


def np_layer(spec, inits, x):
    """Recomputes a conv / dwconv / mbconv layer from the model's initializers."""
    op, act = spec["op"], spec["activation"]
    s, p, g = spec["stride"], spec["padding"], spec["groups"]
    if op == "conv":
        y = np.maximum(x, 0) if spec["preActivation"] else x
        y = np_act(np_conv(y, inits["conv.w"], inits["conv.b"], s, p, g), act)
        if spec["seChannels"]:
            y = np_se(y, inits, "se.", spec["seGate"])
        return y + x if spec["residual"] else y
    if op == "dwconv":
        return np_act(np_conv(x, inits["dw.w"], inits["dw.b"], s, p, x.shape[1]), act)
    if op == "mbconv":
        y = x
        if "expand.w" in inits:
            y = np_act(np_conv(y, inits["expand.w"], inits["expand.b"], 1, 0, g), act)
            if g > 1:
                y = np_shuffle(y, g)
        y = np_act(np_conv(y, inits["dw.w"], inits["dw.b"], s, p, spec["midChannels"]), act)
        if spec["seChannels"]:
            y = np_se(y, inits, "se.", spec["seGate"])
        y = np_conv(y, inits["project.w"], inits["project.b"], 1, 0, g)
        return y + x if spec["residual"] else y
    raise ValueError(op)


class NumericTests(unittest.TestCase):
    def check(self, name):
        spec = LAYERS[name]
        model, inits = runner.build_layer_model(spec)
        inits = {n: a.astype(np.float64) for n, a in inits.items()}
        session = runner.make_session(model, threads=1)
        x = np.random.default_rng(7).standard_normal(
            [1, spec["input"]["channels"], spec["input"]["height"], spec["input"]["width"]]).astype(np.float32)
        got = session.run(None, {"x0": x})[0]
        want = np_layer(spec, inits, x.astype(np.float64))
        self.assertEqual(got.shape, want.shape)
        scale = max(np.abs(want).max(), 1e-6)
        np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-4 * scale, err_msg=name)

    def test_conv(self):
        self.check("conv")

    def test_conv_grouped(self):
        self.check("conv_grouped")

    def test_conv_preact(self):
        self.check("conv_preact")

    def test_conv_se_residual(self):
        self.check("conv_se_residual")

    def test_dwconv(self):
        self.check("dwconv")

    def test_mbconv_e1(self):
        self.check("mbconv_e1")

    def test_mbconv_e6_se_hswish(self):
        self.check("mbconv_e6_se_hswish")

    def test_mbconv_groups(self):
        self.check("mbconv_g2")

    def test_timed_call_computes_the_graph(self):
        prepared = runner.Runner().prepared("op", {"key": "mbconv", "layer": LAYERS["mbconv_g2"]}, 1)
        self.assertIsNotNone(prepared.binding)
        prepared.output_buffers[0].fill(np.nan)
        prepared.call()
        np.testing.assert_allclose(prepared.output_buffers[0], prepared.run_once()[0], rtol=1e-6)

    def test_weights_scaled_by_fan_in(self):
        _, inits = runner.build_layer_model(LAYERS["mbconv_e6_se_hswish"])
        w = inits["project.w"]  # fan-in 48
        self.assertAlmostEqual(float(w.std()), 1 / np.sqrt(48), delta=0.3 / np.sqrt(48))


if __name__ == "__main__":
    unittest.main()

"""Errors and logging shared by every part of the runner: ``SpecError`` (a request or spec
that cannot be served; its message becomes the error reply), ``_one_line`` (an exception as one
bounded line of text) and ``log`` (a line on stderr, never stdout)."""

from __future__ import annotations

import sys


class SpecError(Exception):
    """A request or spec that cannot be served; the message names what was wrong."""


def _one_line(exc):
    text = " ".join(str(exc).split())
    return text[:1000] if text else type(exc).__name__


def log(message):
    print(f"[onnxruntime-runner] {message}", file=sys.stderr, flush=True)

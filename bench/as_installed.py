"""Benchmarks time the command line as an installed package runs it: with the bytecode of its
modules compiled, as pip leaves it. A checkout edited under PYTHONDONTWRITEBYTECODE=1 (as on
the development machine) would otherwise compile every module edited since the last compile
again at each start, 30-50 ms of every figure taken from process start."""

from __future__ import annotations

import compileall
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "voipscan"


def compile_package() -> None:
    compileall.compile_dir(str(PACKAGE), quiet=1)

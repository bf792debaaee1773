"""Load one config target: detect its format, read it, and never let one bad path stop a scan."""

from __future__ import annotations

from pathlib import Path

from voipscan.errors import InputError, Problem
from voipscan.sources.config.registry import detect, source
from voipscan.sources.interface import SourceResult
from voipscan.target import Target, TargetKind


def load_config(path: Path, pbx: str | None = None) -> SourceResult:
    try:
        reader = source(pbx) if pbx else detect(path)
        if not path.exists():
            raise InputError("no such file or directory", str(path))
        return reader.load(path)
    except InputError as error:
        target = Target.path(path, TargetKind.CONFIG, pbx or "unknown")
        return SourceResult.failed(target, Problem.from_error(error))

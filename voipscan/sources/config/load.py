"""Load config targets: find the trees at a path, read each, and never let one bad path stop
a scan (what cannot be read becomes a failed target with one clear problem)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from voipscan.errors import InputError, Problem
from voipscan.sources.config.registry import Detection, find_trees, identify, source
from voipscan.sources.interface import SourceResult
from voipscan.target import Target, TargetKind


def load_config(path: Path, pbx: str | None = None) -> list[SourceResult]:
    """One result per configuration found at ``path``: the path itself when it is a tree,
    backup or export, else every one found in the folder. Nothing found is a failed target."""
    try:
        found = find_trees(path, pbx)
    except InputError as error:
        return [_failed(path, pbx, error)]
    return [_read(detection) for detection in found]


def load_target(path: Path, pbx: str | None = None) -> SourceResult:
    """``path`` read as exactly one target, by ``pbx`` or the reader most sure of it."""
    try:
        if not path.exists():
            raise InputError("no such file or directory", str(path))
        detection = Detection(path, source(pbx), 1.0) if pbx else identify(path)
        if detection is None:
            raise InputError("cannot tell which PBX this is; give --pbx", str(path))
    except InputError as error:
        return _failed(path, pbx, error)
    return _read(detection)


def _read(detection: Detection) -> SourceResult:
    try:
        result = detection.source.load(detection.path)
    except InputError as error:
        return _failed(detection.path, detection.source.name, error)
    warning = detection.warning()
    if warning is None:
        return result
    return replace(result, problems=(warning, *result.problems))


def _failed(path: Path, pbx: str | None, error: InputError) -> SourceResult:
    target = Target.path(path, TargetKind.CONFIG, pbx or "unknown")
    return SourceResult.failed(target, Problem.from_error(error))

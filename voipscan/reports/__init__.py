"""Reports: one module per output format, each rendering the same ScanResult.

A format module exposes ``render(result: ScanResult, options: RenderOptions) -> str``, and may
expose ``chunks(result, options) -> Iterator[str]`` to be written piece by piece (reports of
thousands of targets then never sit in memory whole). Modules are imported only when their
format is asked for.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol, TextIO

if TYPE_CHECKING:
    from voipscan.result import ScanResult

FORMATS: dict[str, str] = {
    "text": "voipscan.reports.text",
    "json": "voipscan.reports.json_report",
    "ocsf": "voipscan.reports.ocsf",
    "cef": "voipscan.reports.cef",
    "leef": "voipscan.reports.leef",
    "sarif": "voipscan.reports.sarif",
    "html": "voipscan.reports.html",
}

SUFFIXES: dict[str, str] = {
    ".json": "json", ".sarif": "sarif", ".sarif.json": "sarif", ".jsonl": "ocsf",
    ".ocsf": "ocsf", ".ocsf.json": "ocsf", ".ocsf.jsonl": "ocsf", ".cef": "cef",
    ".leef": "leef", ".txt": "text", ".log": "text", ".text": "text", ".html": "html",
    ".htm": "html",
}
"""The format a report file's name asks for (the longest matching suffix wins)."""


def format_of(name: str) -> str | None:
    """The format that a file name's suffix names, or None when it names none."""
    lower = name.lower()
    matching = [suffix for suffix in SUFFIXES if lower.endswith(suffix)]
    return SUFFIXES[max(matching, key=len)] if matching else None


class Detail(StrEnum):
    """How much the text report shows."""

    SUMMARY = "summary"
    """The summary table and the verdict."""
    NORMAL = "normal"
    """Verdict, summary table, failed findings grouped by check (one line each), verdict."""
    FULL = "full"
    """Every control of every profile, every finding with its evidence and fix."""


@dataclass(frozen=True)
class HistoryPoint:
    """One earlier score of a target against a profile (from the history store)."""

    started: dt.datetime
    profile_id: str
    value: float
    grade: str
    coverage: float


@dataclass(frozen=True)
class RenderOptions:
    color: bool = False
    include_passed: bool = False
    """CEF and LEEF: also emit passing findings."""
    detail: Detail = Detail.FULL
    """Text: how much to show (the command line's default is NORMAL)."""
    width: int = 100
    """Text: the line width (the terminal's, on a terminal)."""
    problems: bool = True
    """Text: list problems and warnings (the command line prints them on stderr instead
    when the report goes to the terminal, so that each is printed once)."""
    history: Mapping[str, tuple[HistoryPoint, ...]] = field(default_factory=dict)
    """HTML: earlier scores per target name, oldest first, drawn as a trend."""


class Renderer(Protocol):
    def __call__(self, result: ScanResult, options: RenderOptions) -> str: ...


def renderer(name: str) -> Renderer:
    module = importlib.import_module(FORMATS[name])
    fn: Renderer = module.render
    return fn


def prepare(names: Iterable[str]) -> None:
    """Import the renderers of these formats ahead of use (a scan waiting for replies has the
    time)."""
    for name in names:
        importlib.import_module(FORMATS[name])


def render(name: str, result: ScanResult, options: RenderOptions | None = None) -> str:
    return renderer(name)(result, options or RenderOptions())


def write(name: str, result: ScanResult, options: RenderOptions, stream: TextIO) -> None:
    """Write a report to a stream, piece by piece where the format allows it."""
    module = importlib.import_module(FORMATS[name])
    chunks: Callable[[ScanResult, RenderOptions], Iterable[str]] | None = getattr(
        module, "chunks", None)
    if chunks is None:
        stream.write(renderer(name)(result, options))
        return
    for piece in chunks(result, options):
        stream.write(piece)

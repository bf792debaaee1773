"""Reports: one module per output format, each rendering the same ScanResult.

A format module exposes ``render(result: ScanResult, options: RenderOptions) -> str``.
Modules are imported only when their format is asked for.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from voipscan.result import ScanResult

FORMATS: dict[str, str] = {
    "text": "voipscan.reports.text",
    "json": "voipscan.reports.json_report",
}


@dataclass(frozen=True)
class RenderOptions:
    color: bool = False


class Renderer(Protocol):
    def __call__(self, result: ScanResult, options: RenderOptions) -> str: ...


def renderer(name: str) -> Renderer:
    module = importlib.import_module(FORMATS[name])
    fn: Renderer = module.render
    return fn


def render(name: str, result: ScanResult, options: RenderOptions | None = None) -> str:
    return renderer(name)(result, options or RenderOptions())

"""A configuration tree, backup or export on disk, as a Source."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from voipscan.errors import Problem
from voipscan.sources.config.load import load_config
from voipscan.sources.interface import ScanContext, Source, SourceResult
from voipscan.target import Target, TargetKind


class ConfigTreeSource(Source):
    """One path given to ``scan config``: its format is detected, or named with ``pbx``."""

    kind = TargetKind.CONFIG

    def __init__(self, path: str | os.PathLike[str], pbx: str | None = None) -> None:
        self.path = Path(path)
        self.pbx = pbx

    @property
    def key(self) -> str:
        return f"config:{os.path.realpath(self.path)}"

    @property
    def label(self) -> str:
        return str(self.path)

    def scan(self, context: ScanContext) -> Iterator[SourceResult]:
        context.progress.begin(1, "path")
        try:
            with context.cancellation.interruptible():
                results = load_config(self.path, self.pbx)
        except KeyboardInterrupt:
            context.cancellation.cancel()
            yield from self.skipped("scan interrupted before this path was read")
            return
        context.progress.advance()
        context.progress.end()
        yield from results

    def skipped(self, reason: str) -> list[SourceResult]:
        target = Target.path(self.path, TargetKind.CONFIG, self.pbx or "unknown")
        return [SourceResult.failed(target, Problem(reason, str(self.path)))]

"""Progress on stderr, drawn by rich and only when stderr is a terminal."""

from __future__ import annotations

import sys
from typing import TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)


class TerminalProgress:
    """Implements voipscan.sources.interface.ProgressHook for the command line: a bar when
    the total is known (hosts), a running count when it is not (packets of a capture)."""

    def __init__(self, stream: TextIO | None = None) -> None:
        stream = stream or sys.stderr
        self.enabled = stream.isatty()
        self.console = Console(file=stream, stderr=stream is sys.stderr)
        self._progress: Progress | None = None
        self._task: TaskID | None = None

    def begin(self, total: int | None, unit: str) -> None:
        if not self.enabled:
            return
        self.end()
        columns = (
            [SpinnerColumn(), TextColumn("{task.completed:,} " + unit), TextColumn(
                "{task.fields[note]}")] if not total else
            [BarColumn(), MofNCompleteColumn(), TextColumn(unit + " {task.fields[note]}")])
        self._progress = Progress(*columns, TimeElapsedColumn(), console=self.console,
                                  transient=True, refresh_per_second=8)
        self._task = self._progress.add_task("scan", total=total, note="")
        self._progress.start()

    def advance(self, done: int = 1, note: str = "") -> None:
        if self._progress is not None and self._task is not None:
            self._progress.update(self._task, advance=done, note=note)

    def end(self) -> None:
        if self._progress is not None:
            self._progress.stop()
        self._progress, self._task = None, None

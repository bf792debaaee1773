"""Progress on stderr, drawn by rich and only when stderr is a terminal."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID


class TerminalProgress:
    """Implements voipscan.sources.interface.ProgressHook for the command line: a bar when
    the total is known (hosts), a running count when it is not (packets of a capture).
    rich is imported only when there is a terminal to draw on."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty()
        self._progress: Progress | None = None
        self._task: TaskID | None = None

    def begin(self, total: int | None, unit: str) -> None:
        if not self.enabled:
            return
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
        )

        self.end()
        columns = (
            [SpinnerColumn(), TextColumn("{task.completed:,} " + unit), TextColumn(
                "{task.fields[note]}")] if not total else
            [BarColumn(), MofNCompleteColumn(), TextColumn(unit + " {task.fields[note]}")])
        console = Console(file=self.stream, stderr=self.stream is sys.stderr)
        self._progress = Progress(*columns, TimeElapsedColumn(), console=console,
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

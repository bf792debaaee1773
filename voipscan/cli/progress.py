"""A one-line progress display on stderr, drawn only when stderr is a terminal."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class TerminalProgress:
    """Implements voipscan.sources.interface.ProgressHook for the command line."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty()
        self.total: int | None = None
        self.unit = ""
        self.done = 0
        self._drawn = 0.0

    def begin(self, total: int | None, unit: str) -> None:
        self.total, self.unit, self.done = total, unit, 0

    def advance(self, done: int = 1, note: str = "") -> None:
        self.done += done
        now = time.monotonic()
        if not self.enabled or (now - self._drawn < 0.1 and self.done != self.total):
            return
        self._drawn = now
        suffix = f", {note}" if note else ""
        if self.total:
            width = 30
            filled = width * min(self.done, self.total) // self.total
            bar = f"[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total}"
        else:
            bar = f"{self.done:,}"
        self.stream.write(f"\r{bar} {self.unit}{suffix}\033[K")
        self.stream.flush()

    def end(self) -> None:
        if self.enabled and self.done:
            self.stream.write("\r\033[K")
            self.stream.flush()
        self.done = 0

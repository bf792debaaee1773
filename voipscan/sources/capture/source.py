"""A packet capture file (pcap, pcapng), as a Source."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from voipscan.errors import Problem
from voipscan.sources.interface import ScanContext, Source, SourceResult
from voipscan.target import Target, TargetKind


class CaptureSource(Source):
    """One capture given to ``scan pcap``, read as a stream."""

    kind = TargetKind.CAPTURE

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)

    @property
    def key(self) -> str:
        return f"capture:{os.path.realpath(self.path)}"

    @property
    def label(self) -> str:
        return str(self.path)

    def scan(self, context: ScanContext) -> Iterator[SourceResult]:
        from voipscan.sources.capture import AuditInterrupted, audit_capture

        context.progress.begin(None, "packets")
        try:
            with context.cancellation.interruptible():
                result = audit_capture(self.path, context)
        except AuditInterrupted as stop:
            context.cancellation.cancel()
            result = stop.partial
        finally:
            context.progress.end()
        yield result

    def skipped(self, reason: str) -> list[SourceResult]:
        target = Target.path(self.path, TargetKind.CAPTURE, "unknown")
        return [SourceResult.failed(target, Problem(reason, str(self.path)))]

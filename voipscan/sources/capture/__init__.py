"""Passive audit of packet captures (pcap, pcapng): SIP, SDP, RTP and TLS seen on the wire.

``audit_capture`` reads one file as a stream and returns its facts as a ``SourceResult``;
a truncated or corrupt file yields what was read before the damage plus a ``Problem``.
``audit_captures`` reads several and stops early, keeping what it read, on SIGINT/SIGTERM.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import FrameType

from voipscan import interrupts
from voipscan.errors import Problem, ProblemLevel
from voipscan.sources.capture.analysis import CaptureAnalysis
from voipscan.sources.capture.evidence import build_system
from voipscan.sources.capture.reader import CaptureError, open_capture
from voipscan.sources.interface import SourceResult
from voipscan.target import Target, TargetKind

__all__ = ["AuditInterrupted", "CaptureError", "audit_capture", "audit_captures"]


class AuditInterrupted(Exception):
    """Reading stopped on a signal; ``partial`` holds the facts of what was read."""

    def __init__(self, partial: SourceResult) -> None:
        super().__init__("capture audit interrupted")
        self.partial = partial


def audit_capture(path: Path) -> SourceResult:
    name = str(path)
    try:
        handle, reader = open_capture(path)
    except CaptureError as error:
        return SourceResult.failed(Target.path(path, TargetKind.CAPTURE, "unknown"),
                                   Problem(error.message, name))
    target = Target.path(path, TargetKind.CAPTURE, reader.format)
    analysis = CaptureAnalysis(name)
    problems: list[Problem] = []
    interrupted = False
    with handle:
        try:
            analysis.feed(reader.records())
        except CaptureError as error:
            kept = f"; findings cover the {analysis.packets} packets before it"
            problems.append(Problem(error.message + kept, name))
        except KeyboardInterrupt:
            interrupted = True
            problems.append(Problem(f"interrupted after {analysis.packets} packets; findings "
                                    "cover those", name, None, ProblemLevel.WARNING))
    problems.extend(Problem(note, name, None, ProblemLevel.WARNING) for note in reader.notes())
    if analysis.packets and analysis.undecoded == analysis.packets:
        problems.append(Problem(
            f"none of the {analysis.packets} packets is UDP or TCP over IP (link type "
            f"{analysis.undecoded_linktype}): nothing to audit", name, None,
            ProblemLevel.WARNING))
    if analysis.unparsed_sip:
        problems.append(Problem(
            f"{analysis.unparsed_sip} packets looked like SIP but could not be parsed", name,
            None, ProblemLevel.WARNING))
    complete = not interrupted and all(p.level is ProblemLevel.WARNING for p in problems)
    result = SourceResult(target, build_system(analysis, complete), tuple(problems))
    if interrupted:
        raise AuditInterrupted(result)
    return result


def audit_captures(paths: Sequence[Path]) -> tuple[list[SourceResult], bool]:
    """Audit each capture in turn: (results, whether a signal cut the audit short)."""
    results: list[SourceResult] = []
    with _sigterm_interrupts():
        for path in paths:
            try:
                results.append(audit_capture(path))
            except AuditInterrupted as stop:
                results.append(stop.partial)
                return results, True
    return results, False


@contextlib.contextmanager
def _sigterm_interrupts() -> Iterator[None]:
    """Let SIGTERM stop the packet loop the way Ctrl-C does (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: FrameType | None) -> None:
        interrupts.note(signum)  # the command then exits 143
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)

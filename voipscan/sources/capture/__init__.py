"""Passive audit of packet captures (pcap, pcapng): SIP, SDP, RTP and TLS seen on the wire.

``audit_capture`` reads one file as a stream and returns its facts as a ``SourceResult``;
a truncated or corrupt file yields what was read before the damage plus a ``Problem``.
A cancelled scan stops the read, keeping the facts of what was read.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TypeVar

from voipscan.errors import Problem, ProblemLevel
from voipscan.facts.model import CaptureEvidence, System
from voipscan.sources.capture.analysis import CaptureAnalysis
from voipscan.sources.capture.evidence import build_system
from voipscan.sources.capture.reader import CaptureError, open_capture
from voipscan.sources.interface import ScanContext, SourceResult
from voipscan.target import Target, TargetKind

T = TypeVar("T")
PROGRESS_EVERY = 4096

__all__ = ["AuditInterrupted", "CaptureError", "audit_capture"]


class AuditInterrupted(Exception):
    """Reading stopped on a signal; ``partial`` holds the facts of what was read."""

    def __init__(self, partial: SourceResult) -> None:
        super().__init__("capture audit interrupted")
        self.partial = partial


def audit_capture(path: Path, context: ScanContext | None = None) -> SourceResult:
    """Read one capture; a cancelled ``context`` stops it (AuditInterrupted with the facts
    of what was read), and its progress hook is told of every 4,096 records."""
    name = str(path)
    context = context or ScanContext()
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
            analysis.feed(_watched(reader.records(), context))
        except CaptureError as error:
            kept = f"; findings cover the {analysis.packets} packets before it"
            problems.append(Problem(error.message + kept, name))
        except KeyboardInterrupt:
            interrupted = True
            problems.append(Problem(f"interrupted after {analysis.packets} packets; findings "
                                    "cover those", name, None, ProblemLevel.WARNING))
    problems.extend(Problem(note, name, None, ProblemLevel.WARNING) for note in reader.notes())
    if analysis.unparsed_sip:
        problems.append(Problem(
            f"{analysis.unparsed_sip} packets looked like SIP but could not be parsed", name,
            None, ProblemLevel.WARNING))
    complete = not interrupted and all(p.level is ProblemLevel.WARNING for p in problems)
    system = build_system(analysis, complete)
    nothing = None if interrupted else _nothing_to_audit(analysis, system)
    if nothing is not None:
        problems.append(Problem(nothing, name))
    elif analysis.packets and (analysis.undecoded / analysis.packets
                               > CaptureEvidence.MOSTLY_UNDECODED):
        problems.append(Problem(_undecoded(analysis) + ": findings cover only the rest, and "
                                "nothing passes on absence", name, None, ProblemLevel.WARNING))
    result = SourceResult(target, system, tuple(problems), fatal=nothing is not None)
    if interrupted:
        raise AuditInterrupted(result)
    return result


def _nothing_to_audit(analysis: CaptureAnalysis, system: System) -> str | None:
    """Why no verdict can rest on this capture, or None. Without SIP signalling no check
    can judge anything; with most packets not decoded, what was decoded cannot stand for
    the capture unless it shows cleartext SIP (which fails on its own)."""
    if not analysis.packets:
        return None  # no facts at all: the engine's own rule says so
    if analysis.undecoded == analysis.packets:
        return (f"none of the {analysis.packets} packets is UDP or TCP over IP (link type "
                f"{analysis.undecoded_linktype}): nothing to audit")
    capture = system.capture
    assert capture is not None
    if not analysis.sip_messages and not capture.tls_signalling:
        streams = sum(1 for m in capture.media if m.packets)
        seen = f", only {streams} RTP-like stream{'' if streams == 1 else 's'} that no SDP " \
            "in it negotiated" if streams else ""
        decoded = analysis.packets - analysis.undecoded
        return (f"no SIP signalling (cleartext, WebSocket or TLS) among its {decoded} decoded "
                f"packets{seen}: nothing to audit")
    if capture.mostly_undecoded and not analysis.sip_messages:
        return (_undecoded(analysis) + ", and the rest shows no weakness: too little of the "
                "capture was read to pass it")
    return None


def _undecoded(analysis: CaptureAnalysis) -> str:
    share = 100 * analysis.undecoded // analysis.packets
    return (f"{analysis.undecoded} of {analysis.packets} packets ({share} %) could not be "
            f"decoded (link type {analysis.undecoded_linktype}, or an encapsulation voipscan "
            "does not unwrap)")


def _watched(records: Iterator[T], context: ScanContext) -> Iterator[T]:
    """The records, checking for cancellation and reporting progress every 4,096."""
    for count, record in enumerate(records, start=1):
        if not count % PROGRESS_EVERY:
            if context.cancellation.cancelled:
                raise KeyboardInterrupt
            context.progress.advance(PROGRESS_EVERY)
        yield record

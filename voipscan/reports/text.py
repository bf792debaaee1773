"""The readable terminal report: score per target and profile, then what to fix."""

from __future__ import annotations

from collections.abc import Iterator

from voipscan.checks import Severity, Status
from voipscan.checks.supply import supply
from voipscan.reports import RenderOptions
from voipscan.result import (
    Assessment,
    Drift,
    DriftChange,
    ReportedFinding,
    ScanResult,
    TargetResult,
)

_COLORS = {"red": "31", "green": "32", "yellow": "33", "blue": "34", "bold": "1", "dim": "2"}
_STATUS_COLOR = {Status.PASS: "green", Status.FAIL: "red", Status.UNKNOWN: "yellow",
                 Status.NOT_APPLICABLE: "dim"}
_STATUS_LABEL = {Status.PASS: "PASS", Status.FAIL: "FAIL", Status.UNKNOWN: "EVIDENCE REQUIRED",
                 Status.NOT_APPLICABLE: "N/A"}


class _Writer:
    def __init__(self, color: bool) -> None:
        self.color = color
        self.lines: list[str] = []

    def paint(self, text: str, color: str) -> str:
        return f"\x1b[{_COLORS[color]}m{text}\x1b[0m" if self.color else text

    def line(self, text: str = "") -> None:
        self.lines.append(text)

    def flush(self) -> str:
        """The lines written since the last flush, as text."""
        text = "".join(f"{line}\n" for line in self.lines)
        self.lines.clear()
        return text


def render(result: ScanResult, options: RenderOptions) -> str:
    return "".join(chunks(result, options))


def chunks(result: ScanResult, options: RenderOptions) -> Iterator[str]:
    """The report a target at a time, so a scan of many hosts never sits in memory twice."""
    out = _Writer(options.color)
    out.line(out.paint(f"voipscan {result.tool_version}", "bold")
             + f"  scanned {result.started:%Y-%m-%d %H:%M:%S} UTC"
             + ("  (INCOMPLETE: interrupted)" if result.incomplete else ""))
    by_target: dict[str, list[Assessment]] = {}
    for assessment in result.assessments:
        by_target.setdefault(assessment.target_id, []).append(assessment)
    for target in result.targets:
        out.line()
        _target(out, target, by_target.get(target.target.id, []))
        yield out.flush()
    if result.warnings:
        out.line()
        out.line(out.paint(f"Warnings ({len(result.warnings)})", "bold"))
        for warning in result.warnings:
            out.line(out.paint(f"  ! {warning.render()}", "yellow"))
    if result.drift is not None:
        out.line()
        _drift(out, result.drift)
    out.line()
    if result.verdict.passed:
        out.line(out.paint("RESULT: PASSED", "green"))
    else:
        out.line(out.paint("RESULT: FAILED", "red"))
        for reason in result.verdict.reasons:
            out.line(f"  - {reason}")
    yield out.flush()


def _target(out: _Writer, target: TargetResult, assessments: list[Assessment]) -> None:
    platform = f" ({target.platform})" if target.platform else ""
    out.line(out.paint(f"== {target.target.name}", "bold")
             + f"  [{target.target.kind.value}: {target.target.format}]{platform}")
    if len(target.evidence_kinds) > 1:
        out.line(f"  evidence: {', '.join(sorted(target.evidence_kinds))}")
    for problem in target.problems:
        out.line(out.paint(f"  ! {problem.level.value}: {problem.render()}", "yellow"))
    if target.fatal:
        out.line(out.paint("  not scanned: the target could not be read", "red"))
        return
    for a in assessments:
        s = a.score
        grade_color = "green" if s.grade in ("A", "B") else "yellow" if s.grade in ("C", "D") \
            else "red"
        judged = (f"score {s.value:.1f}/100 grade {s.grade}" if s.graded
                  else f"incomplete: {s.unknown} control(s) need evidence")
        out.line(f"  {a.profile_title} [{a.profile_id}]: "
                 + out.paint(judged, grade_color if s.graded else "yellow")
                 + f", coverage {s.coverage:.0f}%"
                 + f"  - {s.passed} passed, {s.failed} failed, {s.unknown} evidence required, "
                 f"{s.not_applicable} n/a" + (f", {s.suppressed} suppressed" if s.suppressed
                                              else ""))
        for control in a.controls:
            if control.suppressed:
                label = out.paint(f"{'SUPPRESSED':<17}", "dim")
            else:
                label = out.paint(f"{_STATUS_LABEL[control.status]:<17}",
                                  _STATUS_COLOR[control.status])
            out.line(f"    {label} {control.id:<12} {control.title}  ({control.clause})")
    active = [f for f in target.findings if f.suppression is None]
    failed = _unique([f for f in active if f.finding.status is Status.FAIL])
    if failed:
        out.line()
        out.line(out.paint(f"  Failed findings ({len(failed)})", "bold"))
        for item in sorted(failed, key=lambda f: -f.finding.severity.rank):
            _finding(out, item)
    unknown = _unique([f for f in active if f.finding.status is Status.UNKNOWN])
    kinds = target.evidence_kinds
    listed = [f for f in unknown if supply(f.finding.check_id).answerable(kinds)]
    if listed:
        out.line()
        out.line(out.paint(f"  Evidence required ({len(listed)})", "bold"))
        for item in listed:
            f = item.finding
            out.line(f"    ? {f.check_id} {f.resource}: {f.message}")
            out.line(out.paint(f"        supply: {supply(f.check_id).how(kinds)}", "dim"))
    others = len(unknown) - len(listed)
    if others:
        out.line(out.paint(f"  {others} more finding(s) need evidence that no "
                           f"{'/'.join(sorted(kinds))} source can show (other kinds of "
                           "source would)", "dim"))
    hidden = _unique([f for f in target.findings if f.suppression is not None])
    if hidden:
        out.line()
        out.line(out.paint(f"  Suppressed findings ({len(hidden)})", "bold"))
        for item in hidden:
            f = item.finding
            assert item.suppression is not None
            sup = item.suppression
            owner = f", owner {sup.owner}" if sup.owner else ""
            out.line(f"    ~ {f.status.value.upper()} {f.check_id} {f.resource}: {f.message}")
            out.line(out.paint(f"        suppressed until {sup.expires.isoformat()}{owner}: "
                               f"{sup.reason}", "dim"))


def _drift(out: _Writer, drift: Drift) -> None:
    new, resolved = drift.of(DriftChange.NEW), drift.of(DriftChange.RESOLVED)
    unchanged = drift.of(DriftChange.UNCHANGED)
    out.line(out.paint(f"Drift since {drift.baseline}", "bold")
             + f": {len(new)} new, {len(resolved)} resolved, {len(unchanged)} unchanged")
    for entry in new:
        mark = " (suppressed)" if entry.suppressed else ""
        out.line(out.paint("  + NEW      ", "red") + f"{entry.status.value:<8} {entry.target} "
                 f"{entry.check_id} {entry.resource}{mark}")
    for entry in resolved:
        out.line(out.paint("  - RESOLVED ", "green") + f"{entry.status.value:<8} "
                 f"{entry.target} {entry.check_id} {entry.resource}")


def _unique(items: list[ReportedFinding]) -> list[ReportedFinding]:
    seen: set[tuple[str, str, str]] = set()
    result = []
    for item in items:
        key = (item.finding.check_id, item.finding.resource, item.finding.message)
        if key not in seen:
            seen.add(key)
            result.append(item)
    return result


ORIGIN = {"file": "configured", "default": "configured (platform default)",
          "derived": "configured", "probe": "observed", "capture": "observed",
          "declared": "declared"}
"""How each kind of evidence source is named in the text report."""


def _finding(out: _Writer, item: ReportedFinding) -> None:
    f = item.finding
    color = "red" if f.severity.rank >= Severity.HIGH.rank else "yellow"
    out.line(f"    {out.paint(f.severity.value.upper(), color)} {f.check_id} "
             f"{f.resource}: {f.message}")
    for ev in f.evidence:
        where = (f"  {ORIGIN.get(ev.source.kind.value, ev.source.kind.value)} at "
                 f"{ev.source.describe()}" if ev.source else "")
        note = f"  ({ev.note})" if ev.note else ""
        out.line(out.paint(f"        {ev.fact} = {ev.value}{where}{note}", "dim"))
    out.line(f"        fix: {item.remediation}")

"""The readable terminal report: score per target and profile, then what to fix."""

from __future__ import annotations

from voipscan.checks import Severity, Status
from voipscan.reports import RenderOptions
from voipscan.result import Assessment, ReportedFinding, ScanResult, TargetResult

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


def render(result: ScanResult, options: RenderOptions) -> str:
    out = _Writer(options.color)
    out.line(out.paint(f"voipscan {result.tool_version}", "bold")
             + f"  scanned {result.started:%Y-%m-%d %H:%M:%S} UTC"
             + ("  (INCOMPLETE: interrupted)" if result.incomplete else ""))
    for target in result.targets:
        out.line()
        _target(out, target, [a for a in result.assessments if a.target == target.target.name])
    out.line()
    if result.verdict.passed:
        out.line(out.paint("RESULT: PASSED", "green"))
    else:
        out.line(out.paint("RESULT: FAILED", "red"))
        for reason in result.verdict.reasons:
            out.line(f"  - {reason}")
    return "\n".join(out.lines) + "\n"


def _target(out: _Writer, target: TargetResult, assessments: list[Assessment]) -> None:
    platform = f" ({target.platform})" if target.platform else ""
    out.line(out.paint(f"== {target.target.name}", "bold")
             + f"  [{target.target.kind.value}: {target.target.format}]{platform}")
    for problem in target.problems:
        out.line(out.paint(f"  ! {problem.level.value}: {problem.render()}", "yellow"))
    if target.fatal:
        out.line(out.paint("  not scanned: the target could not be read", "red"))
        return
    for a in assessments:
        s = a.score
        grade_color = "green" if s.grade in ("A", "B") else "yellow" if s.grade in ("C", "D") \
            else "red"
        out.line(f"  {a.profile_title} [{a.profile_id}]: score "
                 + out.paint(f"{s.value:.1f}/100 grade {s.grade}", grade_color)
                 + f"  - {s.passed} passed, {s.failed} failed, {s.unknown} evidence required, "
                 f"{s.not_applicable} n/a")
        for control in a.controls:
            label = out.paint(f"{_STATUS_LABEL[control.status]:<17}",
                              _STATUS_COLOR[control.status])
            out.line(f"    {label} {control.id:<12} {control.title}  ({control.clause})")
    failed = _unique([f for f in target.findings if f.finding.status is Status.FAIL])
    if failed:
        out.line()
        out.line(out.paint(f"  Failed findings ({len(failed)})", "bold"))
        for item in sorted(failed, key=lambda f: -f.finding.severity.rank):
            _finding(out, item)
    unknown = _unique([f for f in target.findings if f.finding.status is Status.UNKNOWN])
    if unknown:
        out.line()
        out.line(out.paint(f"  Evidence required ({len(unknown)})", "bold"))
        for item in unknown:
            f = item.finding
            out.line(f"    ? {f.check_id} {f.resource}: {f.message}")


def _unique(items: list[ReportedFinding]) -> list[ReportedFinding]:
    seen: set[tuple[str, str, str]] = set()
    result = []
    for item in items:
        key = (item.finding.check_id, item.finding.resource, item.finding.message)
        if key not in seen:
            seen.add(key)
            result.append(item)
    return result


def _finding(out: _Writer, item: ReportedFinding) -> None:
    f = item.finding
    color = "red" if f.severity.rank >= Severity.HIGH.rank else "yellow"
    out.line(f"    {out.paint(f.severity.value.upper(), color)} {f.check_id} "
             f"{f.resource}: {f.message}")
    for ev in f.evidence:
        where = f"  at {ev.source.describe()}" if ev.source else ""
        out.line(out.paint(f"        {ev.fact} = {ev.value}{where}", "dim"))
    out.line(f"        fix: {item.remediation}")

"""The HTML audit report: one self-contained file (inline CSS and SVG, no script, nothing
fetched) that reads on screen and prints to PDF. Evidence read from a configuration file shows
that file's line, secrets masked (``config_lines``).

Verdict and summary first, then per target the control matrix of each profile, the failed
findings grouped by check with their evidence and fix, and what evidence is missing and how
to supply it. Every text from the scan goes through jinja2's autoescaping: configuration
values, names and server headers are hostile input.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from jinja2 import Environment, PackageLoader, select_autoescape

from voipscan.checks import Severity, Status
from voipscan.checks.supply import supply
from voipscan.reports import HistoryPoint, RenderOptions
from voipscan.reports import verdict as verdicts
from voipscan.reports.config_lines import ConfigLines
from voipscan.reports.grouping import ORIGIN, CheckGroup, active, describe, group, placed
from voipscan.result import Assessment, DriftChange, ReportedFinding, ScanResult, TargetResult

SEVERITIES = (Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW, Severity.INFO)

_ENVIRONMENT = Environment(
    loader=PackageLoader("voipscan.reports", "templates"),
    autoescape=select_autoescape(["html", "j2"], default_for_string=True, default=True),
    trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


@dataclass(frozen=True)
class Bar:
    """One row of a horizontal bar chart; ``value`` out of ``scale``."""

    label: str
    value: float
    scale: float
    style: str
    text: str

    @property
    def fraction(self) -> float:
        return 0.0 if self.scale <= 0 else max(0.0, min(1.0, self.value / self.scale))


@dataclass(frozen=True)
class Trend:
    """Score and coverage of one target against one profile over the stored scans, this one
    last: SVG polyline points on a 0-100 scale."""

    profile_id: str
    dates: tuple[str, ...]
    score: str
    coverage: str
    first: str
    last: str

    WIDTH: ClassVar[int] = 600
    HEIGHT: ClassVar[int] = 120


@dataclass(frozen=True)
class TargetView:
    anchor: str
    result: TargetResult
    assessments: tuple[Assessment, ...]
    failed: tuple[CheckGroup, ...]
    required: tuple[tuple[CheckGroup, str], ...]
    """Evidence-required checks and how to supply what they need."""
    unanswerable: int
    suppressed: tuple[ReportedFinding, ...]
    trends: tuple[Trend, ...] = ()


def render(result: ScanResult, options: RenderOptions) -> str:
    template = _ENVIRONMENT.get_template("report.html.j2")
    lines = ConfigLines()
    failed = group(active(result.targets, Status.FAIL))
    by_target: dict[str, list[Assessment]] = {}
    for assessment in result.assessments:
        by_target.setdefault(assessment.target_id, []).append(assessment)
    targets = tuple(_target_view(t, tuple(by_target.get(t.target.id, ())),
                                 _trends(result, t, by_target.get(t.target.id, ()),
                                         options.history.get(t.target.name, ())))
                    for t in result.targets)
    return template.render(
        result=result, outcome=verdicts.outcome(result).value,
        reasons=verdicts.reasons(result), targets=targets,
        score_bars=_score_bars(result), severity_bars=_severity_bars(failed),
        failed_overall=failed,
        drift=result.drift, DriftChange=DriftChange, Status=Status, describe=describe,
        config_line=lambda ev: lines.of(ev.source, ev.fact),
        origin=lambda kind: ORIGIN.get(kind, kind), status_label=_status_label)


def _status_label(status: Status) -> str:
    return {Status.PASS: "pass", Status.FAIL: "fail", Status.UNKNOWN: "evidence required",
            Status.NOT_APPLICABLE: "n/a"}[status]


def anchor(text: str) -> str:
    """An element id that no configuration value can shape."""
    return "t-" + hashlib.sha256(text.encode()).hexdigest()[:12]


def _trends(result: ScanResult, target: TargetResult, assessments: Sequence[Assessment],
            history: Sequence[HistoryPoint]) -> tuple[Trend, ...]:
    trends = []
    for a in assessments:
        earlier = [p for p in history if p.profile_id == a.profile_id
                   and p.started < result.started]
        if not earlier:
            continue
        now = HistoryPoint(result.started, a.profile_id, a.score.value, a.score.grade,
                           a.score.coverage)
        points = [*earlier, now]
        step = Trend.WIDTH / max(len(points) - 1, 1)

        def line(values: Sequence[float | None], points: Sequence[HistoryPoint] = points,
                 step: float = step) -> str:
            return " ".join(f"{i * step:.1f},{Trend.HEIGHT - v * Trend.HEIGHT / 100:.1f}"
                            for i, v in enumerate(values) if v is not None)

        trends.append(Trend(
            a.profile_id, tuple(f"{p.started:%Y-%m-%d}" for p in points),
            line([p.value if p.grade != "-" else None for p in points]),
            line([p.coverage for p in points]),
            f"{points[0].started:%Y-%m-%d}", f"{points[-1].started:%Y-%m-%d}"))
    return tuple(trends)


def _target_view(target: TargetResult, assessments: tuple[Assessment, ...],
                 trends: tuple[Trend, ...] = ()) -> TargetView:
    current = [f for f in target.findings if f.suppression is None]
    kinds = target.evidence_kinds
    unknown = group(placed(target, (f for f in current if f.finding.status is Status.UNKNOWN)))
    required = tuple((g, supply(g.check_id).how(kinds)) for g in unknown
                     if supply(g.check_id).answerable(kinds))
    hidden = {(f.finding.check_id, f.finding.resource, f.finding.message): f
              for f in target.findings if f.suppression is not None}
    return TargetView(
        anchor=anchor(target.target.id), result=target, assessments=assessments,
        failed=tuple(group(placed(target, (f for f in current
                                           if f.finding.status is Status.FAIL)))),
        required=required, unanswerable=len(unknown) - len(required),
        suppressed=tuple(hidden.values()), trends=trends)


def _score_bars(result: ScanResult) -> list[tuple[str, Bar, Bar]]:
    """Per assessment: its score (only when graded) and its coverage."""
    rows = []
    for a in result.assessments:
        s = a.score
        score = Bar("score", s.value if s.graded else 0.0, 100.0,
                    _grade_style(s.grade) if s.graded else "none",
                    f"{s.value:.0f} ({s.grade})" if s.graded else "no grade")
        coverage = Bar("coverage", s.coverage, 100.0, "coverage", f"{s.coverage:.0f}%")
        rows.append((f"{a.target} [{a.profile_id}]", score, coverage))
    return rows


def _grade_style(grade: str) -> str:
    return "good" if grade in ("A", "B") else "fair" if grade in ("C", "D") else "bad"


def _severity_bars(failed: Sequence[CheckGroup]) -> list[Bar]:
    """Failed findings by severity (each resource once per check and target)."""
    counts = dict.fromkeys(SEVERITIES, 0)
    for g in failed:
        counts[g.severity] += len({(f.target, f.finding.resource) for f in g.findings})
    scale = float(max(counts.values(), default=0)) or 1.0
    return [Bar(s.value, float(n), scale, s.value, str(n)) for s, n in counts.items()]

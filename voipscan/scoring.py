"""From findings to control status, score, grade and the pass/fail verdict."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from voipscan.checks import Finding, Severity, Status

GRADES = ((90.0, "A"), (80.0, "B"), (70.0, "C"), (60.0, "D"), (50.0, "E"))
GRADE_CAP_ON_CRITICAL = "D"


def control_status(findings: Sequence[Finding]) -> Status:
    """Fail if any finding fails; else unknown if any is unknown; pass if any passes."""
    statuses = {f.status for f in findings}
    for status in (Status.FAIL, Status.UNKNOWN, Status.PASS):
        if status in statuses:
            return status
    return Status.NOT_APPLICABLE


@dataclass(frozen=True)
class Weighed:
    status: Status
    severity: Severity


def score(controls: Iterable[Weighed]) -> tuple[float, str, bool]:
    """Score = 100 x weight of passed controls / weight of controls that apply.

    Unknown controls count in the denominator and never as passed. Returns the score, the
    grade and whether a critical control failed (which caps the grade).
    """
    items = list(controls)
    applicable = [c for c in items if c.status is not Status.NOT_APPLICABLE]
    total = sum(c.severity.weight for c in applicable)
    gained = sum(c.severity.weight for c in applicable if c.status is Status.PASS)
    value = round(100.0 * gained / total, 1) if total else 100.0
    critical_failed = any(
        c.status is Status.FAIL and c.severity is Severity.CRITICAL for c in applicable
    )
    grade = next((g for threshold, g in GRADES if value >= threshold), "F")
    if critical_failed and grade < GRADE_CAP_ON_CRITICAL:
        grade = GRADE_CAP_ON_CRITICAL
    if not total:
        grade = "-"
    return value, grade, critical_failed

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


MIN_COVERAGE_FOR_GRADE = 60.0
"""A grade needs at least this share (in %) of the profile's applicable weight assessed."""
NO_GRADE = "-"


@dataclass(frozen=True)
class Scored:
    value: float
    """100 x weight of passed controls / weight of assessed (passed or failed) controls."""
    coverage: float
    """100 x weight of assessed controls / weight of controls that apply."""
    grade: str
    """A-F, or '-' when coverage is below MIN_COVERAGE_FOR_GRADE or nothing applies."""
    critical_failed: bool

    @property
    def graded(self) -> bool:
        return self.grade != NO_GRADE


def score(controls: Iterable[Weighed]) -> Scored:
    """Score over what was assessed, and coverage of what applies, kept apart.

    Controls that need evidence count in coverage, not in the score: missing evidence lowers
    coverage, never the grade a system's known facts earn; below the coverage a grade needs,
    there is no grade at all. A failed critical control caps the grade at D. Informational
    controls weigh nothing.
    """
    items = list(controls)
    applicable = [c for c in items if c.status is not Status.NOT_APPLICABLE]
    assessed = [c for c in applicable if c.status in (Status.PASS, Status.FAIL)]
    total = sum(c.severity.weight for c in applicable)
    judged = sum(c.severity.weight for c in assessed)
    gained = sum(c.severity.weight for c in assessed if c.status is Status.PASS)
    value = round(100.0 * gained / judged, 1) if judged else 100.0
    coverage = round(100.0 * judged / total, 1) if total else 100.0
    critical_failed = any(
        c.status is Status.FAIL and c.severity is Severity.CRITICAL for c in applicable
    )
    grade = next((g for threshold, g in GRADES if value >= threshold), "F")
    if critical_failed and grade < GRADE_CAP_ON_CRITICAL:
        grade = GRADE_CAP_ON_CRITICAL
    if not judged or coverage < MIN_COVERAGE_FOR_GRADE:
        grade = NO_GRADE
    return Scored(value, coverage, grade, critical_failed)

"""The one result model every report format renders."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from voipscan.checks import Finding, Severity, Status
from voipscan.errors import Problem
from voipscan.sources.base import Target


@dataclass(frozen=True)
class ReportedFinding:
    """A check's finding on one target, with what to do about it and which controls it serves."""

    target: str
    finding: Finding
    title: str
    remediation: str
    controls: tuple[str, ...]
    params: tuple[tuple[str, object], ...] = ()


@dataclass(frozen=True)
class ControlResult:
    id: str
    title: str
    clause: str
    status: Status
    severity: Severity
    checks: tuple[str, ...]
    findings: tuple[ReportedFinding, ...]


@dataclass(frozen=True)
class Score:
    value: float
    grade: str
    passed: int
    failed: int
    unknown: int
    not_applicable: int


@dataclass(frozen=True)
class Assessment:
    """One target judged against one profile."""

    target: str
    profile_id: str
    profile_title: str
    controls: tuple[ControlResult, ...]
    score: Score


@dataclass(frozen=True)
class TargetResult:
    target: Target
    platform: str | None
    findings: tuple[ReportedFinding, ...]
    problems: tuple[Problem, ...]
    fatal: bool


@dataclass(frozen=True)
class Verdict:
    passed: bool
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class ScanResult:
    tool_version: str
    started: dt.datetime
    finished: dt.datetime
    targets: tuple[TargetResult, ...]
    assessments: tuple[Assessment, ...]
    verdict: Verdict
    incomplete: bool = False

    @property
    def input_errors(self) -> bool:
        return any(t.fatal for t in self.targets)

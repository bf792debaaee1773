"""What the store gives back: scans, their targets, scores and findings, as plain values."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from voipscan.checks import Severity, Status

OPEN = (Status.FAIL, Status.UNKNOWN)


@dataclass(frozen=True)
class StoredScore:
    profile_id: str
    profile_title: str
    value: float
    grade: str
    coverage: float
    passed: int
    failed: int
    unknown: int
    not_applicable: int
    suppressed: int


@dataclass(frozen=True)
class StoredFinding:
    fingerprint: str
    check_id: str
    resource: str
    status: Status
    severity: Severity
    title: str
    suppressed: bool

    @property
    def open(self) -> bool:
        return self.status in OPEN


@dataclass(frozen=True)
class StoredTarget:
    target_id: str
    name: str
    kind: str
    format: str
    address: str
    platform: str | None
    fatal: bool
    scores: tuple[StoredScore, ...] = ()
    findings: tuple[StoredFinding, ...] = ()

    def open_findings(self) -> tuple[StoredFinding, ...]:
        return tuple(f for f in self.findings if f.open)


@dataclass(frozen=True)
class ScanSummary:
    id: int
    started: dt.datetime
    finished: dt.datetime
    tool_version: str
    passed: bool
    incomplete: bool
    profiles: tuple[str, ...]
    fleet_id: str | None
    target_names: tuple[str, ...]
    open_findings: int

    @property
    def verdict(self) -> str:
        if self.incomplete:
            return "incomplete"
        return "passed" if self.passed else "failed"


@dataclass(frozen=True)
class StoredScan:
    summary: ScanSummary
    targets: tuple[StoredTarget, ...]


@dataclass(frozen=True)
class TrendPoint:
    scan_id: int
    started: dt.datetime
    target: str
    profile_id: str
    value: float
    grade: str
    coverage: float
    open_findings: int


def utc(value: dt.datetime) -> dt.datetime:
    """A stored time as UTC (SQLite gives it back without a zone)."""
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)

"""The one result model every report format renders."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from enum import StrEnum

from voipscan.checks import Finding, Severity, Status
from voipscan.errors import Problem
from voipscan.target import Target


@dataclass(frozen=True)
class Suppression:
    """One entry of a suppressions file: which findings it hides, why, until when, for whom.

    ``check`` and ``target`` are globs; ``resource`` is a glob, or a regular expression when
    written ``re:<pattern>`` (matched against the whole resource).
    """

    check: str
    resource: str
    target: str
    reason: str
    expires: dt.date
    owner: str | None
    path: str
    line: int | None

    def expired(self, today: dt.date) -> bool:
        """Active up to and including its expiry day."""
        return today > self.expires


class SuppressionState(StrEnum):
    ACTIVE = "active"
    UNUSED = "unused"
    EXPIRED = "expired"


@dataclass(frozen=True)
class SuppressionUse:
    """What one suppressions entry did in this scan."""

    entry: Suppression
    state: SuppressionState
    findings: int


class DriftChange(StrEnum):
    NEW = "new"
    RESOLVED = "resolved"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class DriftEntry:
    """An open (failed or evidence-required) finding compared with the baseline scan.

    ``status`` is the status now, except for resolved entries, where it is (like
    ``previous``) the status the baseline recorded.
    """

    change: DriftChange
    target: str
    check_id: str
    resource: str
    status: Status
    previous: Status | None
    severity: Severity
    title: str
    suppressed: bool = False

    @property
    def failing(self) -> bool:
        """A new or unchanged finding that fails now and is not suppressed."""
        return (self.change is not DriftChange.RESOLVED and self.status is Status.FAIL
                and not self.suppressed)


@dataclass(frozen=True)
class Drift:
    baseline: str
    baseline_started: str | None
    entries: tuple[DriftEntry, ...]

    def of(self, change: DriftChange) -> tuple[DriftEntry, ...]:
        return tuple(e for e in self.entries if e.change is change)


def stable_uid(*parts: str) -> str:
    """An identifier that is the same in every scan for the same parts (no time, no order)."""
    digest = hashlib.sha256("\x1f".join(("voipscan/1", *parts)).encode("utf-8"))
    return digest.hexdigest()[:32]


@dataclass(frozen=True, slots=True)
class ReportedFinding:
    """A check's finding, with what to do about it and which controls it serves.

    It does not name its target: targets judged alike share one object (a sweep's hosts
    mostly have the same findings), and the target is the ``TargetResult`` or
    ``Assessment`` that holds it."""

    finding: Finding
    title: str
    remediation: str
    controls: tuple[str, ...]
    params: tuple[tuple[str, object], ...] = ()
    suppression: Suppression | None = None

    def key_on(self, target: str) -> tuple[str, str, str]:
        """What identifies this finding on ``target`` across scans: target, check and
        resource."""
        return (target, self.finding.check_id, self.finding.resource)

    def uid_on(self, target: str, control: str | None = None) -> str:
        """Stable id of this finding on ``target``, optionally per profile control
        ('profile/control')."""
        key = self.key_on(target)
        return stable_uid(*key, control) if control else stable_uid(*key)


@dataclass(frozen=True, slots=True)
class ControlResult:
    id: str
    title: str
    clause: str
    status: Status
    severity: Severity
    checks: tuple[str, ...]
    findings: tuple[ReportedFinding, ...]
    suppressed: bool = False
    """The status rests only on suppressed findings: excluded from score and verdict."""


@dataclass(frozen=True, slots=True)
class Score:
    """``value`` over the assessed controls; ``coverage`` (in %) of the applicable weight
    that was assessed; ``grade`` is '-' below the coverage a grade needs."""

    value: float
    grade: str
    passed: int
    failed: int
    unknown: int
    not_applicable: int
    suppressed: int = 0
    coverage: float = 100.0

    @property
    def graded(self) -> bool:
        return self.grade != "-"


@dataclass(frozen=True, slots=True)
class Assessment:
    """One target judged against one profile. ``target`` is the target's name (for people);
    ``target_id`` matches it to its ``TargetResult``."""

    target: str
    profile_id: str
    profile_title: str
    controls: tuple[ControlResult, ...]
    score: Score
    target_id: str = ""


@dataclass(frozen=True)
class TargetResult:
    target: Target
    platform: str | None
    findings: tuple[ReportedFinding, ...]
    problems: tuple[Problem, ...]
    fatal: bool
    evidence_kinds: frozenset[str] = frozenset()
    """Kinds of evidence the facts came from (config, host, capture, declared)."""


INTERRUPTED = "INCOMPLETE: interrupted; the report holds only what was gathered before"
"""The first reason of an interrupted scan's verdict: it is never passed."""


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
    warnings: tuple[Problem, ...] = ()
    suppressions: tuple[SuppressionUse, ...] = ()
    drift: Drift | None = None

    @property
    def input_errors(self) -> bool:
        """A target could not be read or held nothing to assess, or there was no target."""
        return not self.targets or any(t.fatal for t in self.targets)

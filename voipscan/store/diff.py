"""What changed between two stored scans: targets added and gone, score changes, and open
findings (failed or evidence required) new, resolved or still open, keyed by fingerprint."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from voipscan.checks import Status
from voipscan.store.model import StoredFinding, StoredScan, StoredTarget


class Change(StrEnum):
    NEW = "new"
    RESOLVED = "resolved"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class FindingChange:
    change: Change
    target: str
    finding: StoredFinding
    previous: Status | None


@dataclass(frozen=True)
class ScoreChange:
    target: str
    profile_id: str
    before: float
    after: float
    grade_before: str
    grade_after: str
    coverage_before: float
    coverage_after: float


@dataclass(frozen=True)
class ScanDiff:
    before: int
    after: int
    added: tuple[str, ...]
    removed: tuple[str, ...]
    scores: tuple[ScoreChange, ...]
    findings: tuple[FindingChange, ...]

    def of(self, change: Change) -> tuple[FindingChange, ...]:
        return tuple(f for f in self.findings if f.change is change)


def diff(before: StoredScan, after: StoredScan) -> ScanDiff:
    old = {t.target_id: t for t in before.targets}
    new = {t.target_id: t for t in after.targets}
    added = sorted(new[i].name for i in new.keys() - old.keys())
    removed = sorted(old[i].name for i in old.keys() - new.keys())
    score_changes: list[ScoreChange] = []
    changes: list[FindingChange] = []
    for target_id in sorted(new.keys() & old.keys(), key=lambda i: (new[i].name, i)):
        a, b = old[target_id], new[target_id]
        score_changes += _scores(a, b)
        if not b.fatal and not a.fatal:
            changes += _findings(a, b)
    for target_id in sorted(new.keys() - old.keys(), key=lambda i: (new[i].name, i)):
        changes += [FindingChange(Change.NEW, new[target_id].name, f, None)
                    for f in new[target_id].open_findings()]
    changes.sort(key=lambda c: (c.target, _ORDER[c.change], c.finding.check_id,
                                c.finding.resource))
    return ScanDiff(before.summary.id, after.summary.id, tuple(added), tuple(removed),
                    tuple(score_changes), tuple(changes))


_ORDER = {Change.NEW: 0, Change.RESOLVED: 1, Change.UNCHANGED: 2}


def _scores(a: StoredTarget, b: StoredTarget) -> list[ScoreChange]:
    before = {s.profile_id: s for s in a.scores}
    found = []
    for score in b.scores:
        old = before.get(score.profile_id)
        if old is None:
            continue
        if (round(old.value, 1), old.grade, round(old.coverage)) != \
                (round(score.value, 1), score.grade, round(score.coverage)):
            found.append(ScoreChange(b.name, score.profile_id, old.value, score.value,
                                     old.grade, score.grade, old.coverage, score.coverage))
    return found


def _findings(a: StoredTarget, b: StoredTarget) -> list[FindingChange]:
    """Only checks run in both scans are compared: a check left out (another profile) has
    neither new nor resolved findings."""
    both = {f.check_id for f in a.findings} & {f.check_id for f in b.findings}
    old = {f.fingerprint: f for f in a.open_findings() if f.check_id in both}
    new = {f.fingerprint: f for f in b.open_findings() if f.check_id in both}
    found = [FindingChange(Change.NEW if key not in old else Change.UNCHANGED, b.name, f,
                           old[key].status if key in old else None)
             for key, f in new.items()]
    found += [FindingChange(Change.RESOLVED, b.name, f, f.status)
              for key, f in old.items() if key not in new]
    return found

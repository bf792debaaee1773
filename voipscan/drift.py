"""Drift: what changed since a previous voipscan JSON report (the baseline).

Open findings (failed or evidence required) are keyed by target, check id and resource. The
target is its id when the baseline has ids (schema 1.1 on), else its name (a 1.0 report):
an id holds whatever label the target was given. A key open now and not in the baseline is
new; open in both is unchanged; open in the baseline only is resolved, but only for targets
read in this scan (a target left out of this scan resolves nothing). When a check reports
one key several times (e.g. with different parameters in different controls) the worst
status counts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from voipscan.checks import Severity, Status
from voipscan.result import Drift, DriftChange, DriftEntry, ReportedFinding, TargetResult

Key = tuple[str, str, str]
"""Target (id or name), check id, resource."""
OPEN = (Status.FAIL, Status.UNKNOWN)


@dataclass(frozen=True)
class Opened:
    status: Status
    severity: Severity
    title: str
    suppressed: bool = False


@dataclass(frozen=True)
class Baseline:
    path: str
    started: str | None
    findings: Mapping[Key, Opened]
    by_id: bool = False
    """Whether the keys hold target ids (else target names)."""


def load_baseline(path: Path) -> Baseline:
    """Read a previous JSON report (schema 1.x or 2.x); anything else is one clear
    InputError."""
    from voipscan.models import baseline

    report = baseline.read(path)
    by_id = report.by_id
    found: dict[Key, Opened] = {}
    for target in report.targets:
        who = (target.id or "") if by_id else target.name
        for item in report.findings_of(target):
            if item.status in OPEN:
                opened = Opened(item.status, item.severity, item.title)
                _keep_worst(found, (who, item.check_id, item.resource), opened)
    return Baseline(str(path), report.scan.started, found, by_id)


def _keep_worst(found: dict[Key, Opened], key: Key, opened: Opened) -> None:
    current = found.get(key)
    if current is None or (current.status is Status.UNKNOWN and opened.status is Status.FAIL):
        found[key] = opened


def open_now(targets: Iterable[TargetResult], by_id: bool = False) -> dict[Key, Opened]:
    found: dict[Key, Opened] = {}
    for target in targets:
        who = target.target.id if by_id else target.target.name
        for item in target.findings:
            if item.finding.status in OPEN:
                key = (who, item.finding.check_id, item.finding.resource)
                _keep_worst(found, key, _opened(item))
    return found


def _opened(item: ReportedFinding) -> Opened:
    f = item.finding
    return Opened(f.status, f.severity, item.title, item.suppression is not None)


def compare(baseline: Baseline, targets: Iterable[TargetResult]) -> Drift:
    targets = list(targets)
    names = {(t.target.id if baseline.by_id else t.target.name): t.target.name
             for t in targets}
    scanned = {t.target.id if baseline.by_id else t.target.name
               for t in targets if not t.fatal}
    now = open_now(targets, baseline.by_id)
    entries = []
    for key, current in sorted(now.items(), key=lambda item: (names[item[0][0]], item[0])):
        who, check_id, resource = key
        before = baseline.findings.get(key)
        change = DriftChange.NEW if before is None else DriftChange.UNCHANGED
        entries.append(DriftEntry(change, names[who], check_id, resource, current.status,
                                  before.status if before else None, current.severity,
                                  current.title, current.suppressed))
    resolved = [(key, before) for key, before in baseline.findings.items()
                if key not in now and key[0] in scanned]
    for key, before in sorted(resolved, key=lambda item: (names[item[0][0]], item[0])):
        who, check_id, resource = key
        entries.append(DriftEntry(DriftChange.RESOLVED, names[who], check_id, resource,
                                  before.status, before.status, before.severity, before.title))
    return Drift(baseline.path, baseline.started, tuple(entries))

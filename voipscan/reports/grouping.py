"""Findings grouped by check, and their resources said in short ("20 endpoints: 1000-1019"),
for the reports people read (text and HTML)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from voipscan.checks import Finding, Severity, Status
from voipscan.result import ReportedFinding, TargetResult

PLURALS = {"admin": "administrators", "management": "management interfaces",
           "logging": "log settings", "recording": "recording settings",
           "backup": "backup settings", "password-policy": "password policies",
           "voicemail": "voicemail boxes", "user": "users", "endpoint": "endpoints",
           "transport": "transports", "trunk": "trunks", "system": "system"}
SINGULARS = {"admin": "administrator", "management": "management interface",
             "logging": "log setting", "recording": "recording setting",
             "backup": "backup setting", "password-policy": "password policy"}
_NUMBER = re.compile(r"\d{1,18}")
ORIGIN = {"file": "configured", "default": "configured (platform default)",
          "derived": "configured", "probe": "observed", "capture": "observed",
          "declared": "declared"}
"""How each kind of evidence source is named in the reports people read."""


@dataclass(frozen=True, slots=True)
class Placed:
    """A finding and the name of the target it is on (findings are shared by targets)."""

    target: str
    item: ReportedFinding

    @property
    def finding(self) -> Finding:
        return self.item.finding

    @property
    def remediation(self) -> str:
        return self.item.remediation


def placed(target: TargetResult, items: Iterable[ReportedFinding]) -> Iterator[Placed]:
    """``items`` (of ``target``) with the target's name."""
    name = target.target.name
    return (Placed(name, item) for item in items)


@dataclass(frozen=True)
class CheckGroup:
    """The findings of one check with one status on one target (or on several targets)."""

    check_id: str
    title: str
    severity: Severity
    status: Status
    findings: tuple[Placed, ...]

    @property
    def resources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f.finding.resource for f in self.findings))

    @property
    def targets(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f.target for f in self.findings))

    @property
    def remediations(self) -> tuple[str, ...]:
        """The distinct fixes, in the order first met (they can differ per resource)."""
        return tuple(dict.fromkeys(f.remediation for f in self.findings))

    def brief(self, limit: int = 6, name_target: bool = False) -> str:
        """One target: its resources in short (after the target's name when ``name_target``);
        several: how many resources on how many targets, and the first targets' names."""
        if len(self.targets) == 1:
            named = f"{self.targets[0]}: " if name_target else ""
            return named + describe(self.resources, limit)
        pairs = {(f.target, f.finding.resource) for f in self.findings}
        names = ", ".join(self.targets[:3]) + (", ..." if len(self.targets) > 3 else "")
        return f"{len(pairs)} on {len(self.targets)} targets: {names}"

    def where(self, limit: int = 6, name_target: bool = False) -> str:
        """The resources in short; on several targets (or with ``name_target``), per
        target."""
        if len(self.targets) == 1 and not name_target:
            return describe(self.resources, limit)
        parts = []
        for target in self.targets:
            mine = [f.finding.resource for f in self.findings if f.target == target]
            parts.append(f"{target}: {describe(tuple(dict.fromkeys(mine)), limit)}")
        return "; ".join(parts)


def active(targets: Iterable[TargetResult], status: Status) -> list[Placed]:
    """The findings of ``status`` on the targets, suppressed ones left out."""
    return [Placed(t.target.name, f) for t in targets for f in t.findings
            if f.suppression is None and f.finding.status is status]


def group(findings: Iterable[Placed]) -> list[CheckGroup]:
    """One group per check and status (the same resource's finding once), most severe first,
    then the most widespread."""
    groups: dict[tuple[str, Status], list[Placed]] = {}
    seen: set[tuple[str, str, str, str]] = set()
    for item in findings:
        f = item.finding
        key = (item.target, f.check_id, f.resource, f.message)
        if key in seen:
            continue
        seen.add(key)
        groups.setdefault((f.check_id, f.status), []).append(item)
    result = [CheckGroup(check_id, items[0].item.title,
                         max({i.finding.severity for i in items}, key=lambda s: s.rank),
                         status, tuple(items))
              for (check_id, status), items in groups.items()]
    result.sort(key=lambda g: (-g.severity.rank, -len(g.findings), g.check_id))
    return result


def describe(resources: Sequence[str], limit: int = 6) -> str:
    """``endpoint:1000`` ... ``endpoint:1019`` as "20 endpoints: 1000-1019"; each kind of
    resource in turn, at most ``limit`` names or ranges of each."""
    kinds: dict[str, list[str]] = {}
    for resource in resources:
        kind, _, name = resource.partition(":")
        kinds.setdefault(kind if name else "", []).append(name or kind)
    parts = []
    for kind, names in kinds.items():
        if not kind:
            parts.append(_names(names, limit))
            continue
        if len(names) == 1:
            parts.append(f"{SINGULARS.get(kind, kind)} {names[0]}")
        else:
            parts.append(f"{len(names)} {PLURALS.get(kind, kind + 's')}: {_names(names, limit)}")
    return "; ".join(parts)


def _names(names: Sequence[str], limit: int) -> str:
    items = _ranges(names)
    shown = ", ".join(items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


def _ranges(names: Sequence[str]) -> list[str]:
    """Runs of consecutive numbers (same width, no sign) become ``first-last``."""
    numbers = sorted({n for n in names if _NUMBER.fullmatch(n)}, key=lambda n: (len(n), int(n)))
    others = [n for n in dict.fromkeys(names) if not _NUMBER.fullmatch(n)]
    runs: list[list[str]] = []
    for number in numbers:
        last = runs[-1][-1] if runs else None
        if last is not None and len(last) == len(number) and int(number) == int(last) + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    items = [run[0] if len(run) == 1 else f"{run[0]}-{run[-1]}" if len(run) > 2
             else f"{run[0]}, {run[1]}" for run in runs]
    return items + sorted(others)

"""Accepted risks: a YAML file of suppressions, and the matching of findings against it.

The file::

    suppressions:
      - check: credentials.default_or_weak    # check id; glob allowed (credentials.*)
        resource: "endpoint:10?"              # glob, or re:<regex> matched against the whole
        target: "configs/site-a/*"            # optional: glob on the target name, or a target
                                              # id (the report's targets[].id); default *
        reason: Lab phones, isolated VLAN     # required
        expires: 2026-06-30                   # required; active up to and including that day
        owner: telecom-team@example.org       # optional

Only failed and evidence-required findings are suppressed; the first entry (in file order)
that is active and matches wins. An entry that matched nothing is reported as unused; an
expired entry suppresses nothing and is reported, with the findings it would have hidden.
Globs are shell-style and case-sensitive (``*`` also matches ``/``). A target id names one
target whatever it is called; the name of a live host is the address as it was given.
The file's model (and its JSON Schema) is ``voipscan.models.suppressions``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path

from voipscan.checks import Status
from voipscan.documents import load_document
from voipscan.errors import Problem, ProblemLevel
from voipscan.regex import compile_quietly
from voipscan.result import ReportedFinding, Suppression, SuppressionState, SuppressionUse

REGEX_PREFIX = "re:"
SUPPRESSIBLE = (Status.FAIL, Status.UNKNOWN)


@dataclass(frozen=True)
class SuppressionSet:
    path: str
    entries: tuple[Suppression, ...]

    def matcher(self, today: dt.date, target_ids: Mapping[str, str] | None = None) -> Matcher:
        """``target_ids`` maps target names to ids, for entries that name a target by id."""
        return Matcher(self.entries, today, target_ids)


def load(path: Path) -> SuppressionSet:
    from voipscan.models.suppressions import SuppressionsFile
    from voipscan.models.validation import validate

    doc = load_document(path)
    data = validate(SuppressionsFile, doc)
    entries = tuple(
        Suppression(check=e.check, resource=e.resource, target=e.target, reason=e.reason,
                    expires=e.expires, owner=e.owner, path=doc.path,
                    line=doc.line_of(("suppressions", index)))
        for index, e in enumerate(data.suppressions or ()))
    return SuppressionSet(str(path), entries)


def resource_regex(pattern: str) -> re.Pattern[str]:
    """The regular expression of a ``re:`` resource pattern (``re.error`` when it has none)."""
    return compile_quietly(pattern[len(REGEX_PREFIX):])


def _matches_resource(pattern: str) -> Callable[[str], bool]:
    if pattern.startswith(REGEX_PREFIX):
        regex = resource_regex(pattern)
        return lambda value: regex.fullmatch(value) is not None
    return lambda value: fnmatchcase(value, pattern)


class Matcher:
    """Decides the suppression of each finding and remembers what each entry matched."""

    def __init__(self, entries: tuple[Suppression, ...], today: dt.date,
                 target_ids: Mapping[str, str] | None = None) -> None:
        self.entries = entries
        self.today = today
        self._ids = target_ids or {}
        self._resource = [_matches_resource(e.resource) for e in entries]
        self._matched: list[set[tuple[str, str, str]]] = [set() for _ in entries]

    def match(self, target: str, item: ReportedFinding) -> Suppression | None:
        """The suppression of ``item`` on the target named ``target``, if any."""
        if item.finding.status not in SUPPRESSIBLE:
            return None
        chosen = None
        for index, entry in enumerate(self.entries):
            if not (fnmatchcase(item.finding.check_id, entry.check)
                    and (fnmatchcase(target, entry.target)
                         or self._ids.get(target) == entry.target)
                    and self._resource[index](item.finding.resource)):
                continue
            if entry.expired(self.today):
                self._matched[index].add(item.key_on(target))
            elif chosen is None:
                self._matched[index].add(item.key_on(target))
                chosen = entry
        return chosen

    def uses(self) -> tuple[SuppressionUse, ...]:
        result = []
        for entry, matched in zip(self.entries, self._matched, strict=True):
            if entry.expired(self.today):
                state = SuppressionState.EXPIRED
            else:
                state = SuppressionState.ACTIVE if matched else SuppressionState.UNUSED
            result.append(SuppressionUse(entry, state, len(matched)))
        return tuple(result)


def warnings(uses: tuple[SuppressionUse, ...]) -> tuple[Problem, ...]:
    """One warning per expired or unused entry, pointing at its line."""
    problems = []
    for use in uses:
        entry = use.entry
        what = f"suppression of {entry.check} on {entry.resource}"
        if use.state is SuppressionState.EXPIRED:
            tail = (f"{use.findings} finding(s) count again" if use.findings
                    else "it matches no finding; remove it")
            message = f"{what} expired on {entry.expires.isoformat()}: {tail}"
        elif use.state is SuppressionState.UNUSED:
            message = f"{what} matches no failed or evidence-required finding; remove it"
        else:
            continue
        problems.append(Problem(message, entry.path, entry.line, ProblemLevel.WARNING))
    return tuple(problems)

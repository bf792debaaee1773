"""Accepted risks: a YAML file of suppressions, and the matching of findings against it.

The file::

    suppressions:
      - check: credentials.default_or_weak    # check id; glob allowed (credentials.*)
        resource: "endpoint:10?"              # glob, or re:<regex> matched against the whole
        target: "configs/site-a/*"            # optional glob on the target name (default *)
        reason: Lab phones, isolated VLAN     # required
        expires: 2026-06-30                   # required; active up to and including that day
        owner: telecom-team@example.org       # optional

Only failed and evidence-required findings are suppressed; the first entry (in file order)
that is active and matches wins. An entry that matched nothing is reported as unused; an
expired entry suppresses nothing and is reported, with the findings it would have hidden.
Globs are shell-style and case-sensitive (``*`` also matches ``/``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any, NoReturn

from voipscan.checks import REGISTRY, Status
from voipscan.documents import DocPath, Document, load_document, render_path
from voipscan.errors import InputError, Problem, ProblemLevel
from voipscan.result import ReportedFinding, Suppression, SuppressionState, SuppressionUse

ENTRY_KEYS = ("check", "resource", "target", "reason", "expires", "owner")
REGEX_PREFIX = "re:"
SUPPRESSIBLE = (Status.FAIL, Status.UNKNOWN)


@dataclass(frozen=True)
class SuppressionSet:
    path: str
    entries: tuple[Suppression, ...]

    def matcher(self, today: dt.date) -> Matcher:
        return Matcher(self.entries, today)


def load(path: Path) -> SuppressionSet:
    doc = load_document(path)
    reader = _Reader(doc)
    data = reader.mapping((), required=("suppressions",), allowed=("suppressions",))
    items = data["suppressions"]
    if items is None:
        items = []
    if not isinstance(items, list):
        reader.fail(("suppressions",), "expected a list of suppressions")
    return SuppressionSet(str(path), tuple(reader.entry(("suppressions", i))
                                           for i in range(len(items))))


def _matches_resource(pattern: str) -> Callable[[str], bool]:
    if pattern.startswith(REGEX_PREFIX):
        regex = re.compile(pattern[len(REGEX_PREFIX):])
        return lambda value: regex.fullmatch(value) is not None
    return lambda value: fnmatchcase(value, pattern)


class Matcher:
    """Decides the suppression of each finding and remembers what each entry matched."""

    def __init__(self, entries: tuple[Suppression, ...], today: dt.date) -> None:
        self.entries = entries
        self.today = today
        self._resource = [_matches_resource(e.resource) for e in entries]
        self._matched: list[set[tuple[str, str, str]]] = [set() for _ in entries]

    def match(self, item: ReportedFinding) -> Suppression | None:
        if item.finding.status not in SUPPRESSIBLE:
            return None
        chosen = None
        for index, entry in enumerate(self.entries):
            if not (fnmatchcase(item.finding.check_id, entry.check)
                    and fnmatchcase(item.target, entry.target)
                    and self._resource[index](item.finding.resource)):
                continue
            if entry.expired(self.today):
                self._matched[index].add(item.key)
            elif chosen is None:
                self._matched[index].add(item.key)
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


class _Reader:
    """Validates a suppressions document, failing with file, line and path."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc

    def fail(self, where: DocPath, message: str) -> NoReturn:
        raise InputError(f"{render_path(where)}: {message}", self.doc.path,
                         self.doc.line_of(where))

    def _at(self, where: DocPath) -> Any:
        value = self.doc.data
        for part in where:
            value = value[part]
        return value

    def mapping(self, where: DocPath, required: tuple[str, ...],
                allowed: tuple[str, ...]) -> dict[str, Any]:
        value = self._at(where)
        if not isinstance(value, dict):
            self.fail(where, "expected a mapping")
        mapping: dict[str, Any] = value
        for key in mapping:
            if key not in allowed:
                self.fail((*where, str(key)),
                          f"unknown key '{key}' (allowed: {', '.join(allowed)})")
        for key in required:
            if key not in mapping:
                self.fail(where, f"missing '{key}'")
        return mapping

    def string(self, where: DocPath) -> str:
        value = self._at(where)
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.fail(where, "expected a string")
        text = str(value).strip()
        if not text:
            self.fail(where, "must not be empty")
        return text

    def entry(self, where: DocPath) -> Suppression:
        data = self.mapping(where, required=("check", "reason", "expires"), allowed=ENTRY_KEYS)
        return Suppression(
            check=self.check((*where, "check")),
            resource=self.resource((*where, "resource")) if "resource" in data else "*",
            target=self.string((*where, "target")) if "target" in data else "*",
            reason=self.string((*where, "reason")),
            expires=self.date((*where, "expires")),
            owner=self.string((*where, "owner")) if data.get("owner") is not None else None,
            path=self.doc.path,
            line=self.doc.line_of(where),
        )

    def check(self, where: DocPath) -> str:
        pattern = self.string(where)
        if not any(fnmatchcase(check_id, pattern) for check_id in REGISTRY):
            self.fail(where, f"'{pattern}' matches no check id (see 'voipscan checks list')")
        return pattern

    def resource(self, where: DocPath) -> str:
        pattern = self.string(where)
        if pattern.startswith(REGEX_PREFIX):
            try:
                re.compile(pattern[len(REGEX_PREFIX):])
            except re.error as error:
                self.fail(where, f"invalid regular expression: {error}")
        return pattern

    def date(self, where: DocPath) -> dt.date:
        value = self._at(where)
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value).strip())
        except ValueError:
            self.fail(where, f"expected a date YYYY-MM-DD, got {value!r}")

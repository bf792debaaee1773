"""What a check is, what it returns, and the registry that holds them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TypeVar

from voipscan.facts import Fact, Provenance, System

T = TypeVar("T")


class Severity(StrEnum):
    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Higher is more severe: info 0 ... critical 4."""
        return _RANKS[self.value]

    @property
    def weight(self) -> int:
        return _WEIGHTS[self.value]


_RANKS = {"critical": 4, "high": 3, "medium": 2, "low": 1, "info": 0}
_WEIGHTS = {"critical": 10, "high": 5, "medium": 3, "low": 1, "info": 0}


class Status(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    UNKNOWN = "unknown"
    NOT_APPLICABLE = "not-applicable"


@dataclass(frozen=True, slots=True)
class Evidence:
    """One fact a finding rests on: its name, rendered value and where it was read."""

    fact: str
    value: str
    source: Provenance | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class Finding:
    check_id: str
    status: Status
    severity: Severity
    resource: str
    message: str
    evidence: tuple[Evidence, ...] = ()


class ParamKind(StrEnum):
    INT = "int"
    BOOL = "bool"
    STR = "str"
    TLS_VERSION = "tls-version"
    STR_LIST = "list"


@dataclass(frozen=True)
class Param:
    name: str
    kind: ParamKind
    default: Any
    description: str


def evidence(name: str, fact: Fact[T], render: Callable[[T], str] = str) -> Evidence:
    if fact.value is None:
        return Evidence(name, "unknown", fact.source, fact.note)
    return Evidence(name, render(fact.value), fact.source, fact.note)


@dataclass(frozen=True)
class CheckContext:
    """Everything a check may read: the facts, its parameters and the scan time."""

    check: Check
    system: System
    params: Mapping[str, Any]
    now: dt.datetime

    def finding(
        self,
        status: Status,
        resource: str,
        message: str,
        *evidence: Evidence,
        severity: Severity | None = None,
    ) -> Finding:
        return Finding(
            self.check.id, status, severity or self.check.severity, resource, message,
            tuple(evidence),
        )

    def passed(self, resource: str, message: str, *ev: Evidence) -> Finding:
        return self.finding(Status.PASS, resource, message, *ev)

    def failed(
        self, resource: str, message: str, *ev: Evidence, severity: Severity | None = None
    ) -> Finding:
        return self.finding(Status.FAIL, resource, message, *ev, severity=severity)

    def unknown(self, resource: str, message: str, *ev: Evidence) -> Finding:
        return self.finding(Status.UNKNOWN, resource, message, *ev)

    def not_applicable(self, resource: str, message: str, *ev: Evidence) -> Finding:
        return self.finding(Status.NOT_APPLICABLE, resource, message, *ev)

    def judge(
        self,
        resource: str,
        name: str,
        fact: Fact[bool],
        *,
        good: str,
        bad: str,
        missing: str,
        want: bool = True,
    ) -> Finding:
        """The common case: a boolean fact that should equal ``want``."""
        ev = evidence(name, fact)
        if fact.value is None:
            return self.unknown(resource, missing, ev)
        if fact.value is want:
            return self.passed(resource, good, ev)
        return self.failed(resource, bad, ev)


CheckFunction = Callable[[CheckContext], Iterable[Finding]]


@dataclass(frozen=True)
class Check:
    id: str
    title: str
    severity: Severity
    category: str
    rationale: str
    remediation: Mapping[str, str]
    run: CheckFunction = field(repr=False, compare=False)
    params: tuple[Param, ...] = ()

    def remediation_for(self, platform: str | None) -> str:
        if platform and platform.lower() in self.remediation:
            return self.remediation[platform.lower()]
        return self.remediation["default"]

    def default_params(self) -> dict[str, Any]:
        return {p.name: p.default for p in self.params}

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)


REGISTRY: dict[str, Check] = {}


def check(
    *,
    id: str,
    title: str,
    severity: Severity,
    category: str,
    rationale: str,
    remediation: Mapping[str, str] | str,
    params: Iterable[Param] = (),
) -> Callable[[CheckFunction], CheckFunction]:
    """Register a check function with its metadata."""
    fixes = {"default": remediation} if isinstance(remediation, str) else dict(remediation)
    if "default" not in fixes:
        raise ValueError(f"check {id}: remediation needs a 'default' entry")

    def register(fn: CheckFunction) -> CheckFunction:
        if id in REGISTRY:
            raise ValueError(f"duplicate check id {id}")
        REGISTRY[id] = Check(id, title, severity, category, rationale, fixes, fn, tuple(params))
        return fn

    return register

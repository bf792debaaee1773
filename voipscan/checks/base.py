"""What a check is, the context it runs in, and the registry that holds the checks."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TypeVar

from voipscan.checks.findings import Evidence, Finding, Severity, Status, evidence
from voipscan.checks.resources import WHOLE_SYSTEM, ResourceSet
from voipscan.facts import Fact, System

R = TypeVar("R")


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
"""What the engine runs: all findings of one check on one system."""

ResourceCheck = Callable[[CheckContext, R], Iterable[Finding]]
"""What a check module writes: the findings for one member of the check's resource set."""


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
    over: ResourceSet[Any] = WHOLE_SYSTEM
    opt_in: bool = False
    """Run only by profiles that name it; no built-in profile needs it."""

    def remediation_for(self, platform: str | None, resource: str | None = None) -> str:
        """The fix on ``platform``; a key ``platform/resource-prefix`` (``freeswitch/
        management:xml-rpc``, ``asterisk/admin:ari/``) gives the fix for those resources
        there, the longest matching prefix first."""
        name = (platform or "").lower()
        if name and resource:
            fitting = [key for key in self.remediation if key.startswith(f"{name}/")
                       and resource.startswith(key[len(name) + 1:])]
            if fitting:
                return self.remediation[max(fitting, key=len)]
        if name in self.remediation:
            return self.remediation[name]
        return self.remediation["default"]

    def default_params(self) -> dict[str, Any]:
        return {p.name: p.default for p in self.params}

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)


REGISTRY: dict[str, Check] = {}


def check(
    *,
    id: str,
    over: ResourceSet[R],
    title: str,
    severity: Severity,
    category: str,
    rationale: str,
    remediation: Mapping[str, str] | str,
    params: Iterable[Param] = (),
    opt_in: bool = False,
) -> Callable[[ResourceCheck[R]], ResourceCheck[R]]:
    """Register a check that judges each member of ``over`` with its metadata."""
    fixes = {"default": remediation} if isinstance(remediation, str) else dict(remediation)
    if "default" not in fixes:
        raise ValueError(f"check {id}: remediation needs a 'default' entry")

    def register(judge: ResourceCheck[R]) -> ResourceCheck[R]:
        if id in REGISTRY:
            raise ValueError(f"duplicate check id {id}")
        REGISTRY[id] = Check(id, title, severity, category, rationale, fixes,
                             _each(over, judge), tuple(params), over, opt_in)
        return judge

    return register


def _each(over: ResourceSet[R], judge: ResourceCheck[R]) -> CheckFunction:
    @functools.wraps(judge)  # keeps the module and name of the check function
    def run(ctx: CheckContext) -> Iterator[Finding]:
        # The whole system is not a selection: the check reads what it needs of it itself.
        members, preface = (over.select(ctx.system) if over is WHOLE_SYSTEM
                            else ctx.system.selected(over.select))
        for found in preface:
            yield ctx.finding(found.status, found.resource, found.message, *found.evidence)
        for member in members:
            yield from judge(ctx, member)

    return run

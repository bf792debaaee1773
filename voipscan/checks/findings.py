"""What a check returns: findings with a status and severity, and the evidence they rest on."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from voipscan.facts import Fact, Provenance

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
    known: bool = True
    """False when the fact it shows is unknown: a finding cannot pass on such evidence."""


@dataclass(frozen=True, slots=True)
class Finding:
    check_id: str
    status: Status
    severity: Severity
    resource: str
    message: str
    evidence: tuple[Evidence, ...] = ()


def evidence(name: str, fact: Fact[T], render: Callable[[T], str] = str) -> Evidence:
    if fact.value is None:
        return Evidence(name, "unknown", fact.source, fact.note, known=False)
    return Evidence(name, render(fact.value), fact.source, fact.note)

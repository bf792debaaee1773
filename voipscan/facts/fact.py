"""A single observed fact: a value that is known or unknown, and where it came from."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Generic, TypeVar

T = TypeVar("T")
U = TypeVar("U")


class OriginKind(StrEnum):
    FILE = "file"
    PROBE = "probe"
    CAPTURE = "capture"
    DEFAULT = "default"
    DERIVED = "derived"
    DECLARED = "declared"


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a fact was read: a file and line, or a probe and its response."""

    kind: OriginKind
    location: str
    line: int | None = None
    detail: str = ""

    def describe(self) -> str:
        where = self.location if self.line is None else f"{self.location}:{self.line}"
        return f"{where} ({self.detail})" if self.detail else where

    @classmethod
    def file(cls, path: str, line: int | None = None, detail: str = "") -> Provenance:
        return cls(OriginKind.FILE, path, line, detail)

    @classmethod
    def probe(cls, target: str, detail: str = "") -> Provenance:
        return cls(OriginKind.PROBE, target, None, detail)

    @classmethod
    def declared(cls, path: str, line: int | None, detail: str) -> Provenance:
        """Stated by the organisation in a declarations file (who, when, reference)."""
        return cls(OriginKind.DECLARED, path, line, detail)

    @classmethod
    def default(cls, platform: str, detail: str = "") -> Provenance:
        return cls(OriginKind.DEFAULT, platform, None, detail)


@dataclass(frozen=True)
class Fact(Generic[T]):
    """A value that is known (with provenance) or unknown (with a reason).

    ``value is None`` means unknown; checks must treat that as "evidence required",
    never as a pass.
    """

    value: T | None = None
    source: Provenance | None = None
    note: str = ""

    @property
    def known(self) -> bool:
        return self.value is not None

    def map(self, fn: Callable[[T], U | None]) -> Fact[U]:
        if self.value is None:
            return Fact(None, self.source, self.note)
        return Fact(fn(self.value), self.source, self.note)

    def or_(self, other: Fact[T]) -> Fact[T]:
        return self if self.known else other


NOTHING_KNOWN: Fact[Any] = Fact()
"""The unknown fact without a note or source: one object that every default shares."""


def known(value: T, source: Provenance | None, note: str = "") -> Fact[T]:
    return Fact(value, source, note)


def unknown(note: str = "", source: Provenance | None = None) -> Fact[T]:
    return Fact(None, source, note)


"""Check runs shared between targets: each check runs once per distinct set of the facts it
read.

A check is a function of the ``System`` it is given, its parameters and the scan time (both
fixed within one scan). Its first run records which of the System's fields it read; a later
target whose values for exactly those fields are equal (same type, equal value) gets the
same findings without running it again. Since the run on the earlier target read only those
fields, it would have taken the same path on the later one. Targets of a host sweep differ
in their names and transports, yet most checks read only facts they share ("no
administrators in the evidence"), so those checks run once per scan, not once per target.
A check that judges a part of the system (``over=TLS_TRANSPORTS``) reads that part as one
value, the selection's result: hosts whose transports differ but that have no TLS transport
share "not applicable". Runs that raised are never shared.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Any

from voipscan.checks import Finding
from voipscan.facts import System
from voipscan.facts.model import Selection
from voipscan.profiles import CheckRef

FIELDS = tuple(f.name for f in dataclasses.fields(System))
_FIELD_SET = frozenset(FIELDS)

Runner = Callable[[System, CheckRef, dt.datetime], tuple[tuple[Finding, ...], bool]]
"""Runs one check on one system: its findings, and whether it ran without raising."""


Read = str | Callable[[System], object]
"""What a check run read: a field's name, or a selection (``System.selected``)."""


class _Traced(System):
    """A System that notes each field a check reads (``vars()`` reads them all), and each
    selection a check makes, as its result rather than the fields behind it: a check that
    judges the TLS transports reads "no TLS transport" on every UDP-only host alike."""

    def __getattribute__(self, name: str) -> Any:
        if name in _FIELD_SET:
            object.__getattribute__(self, "_read")[name] = None
        elif name == "__dict__":
            object.__getattribute__(self, "_read").update(dict.fromkeys(FIELDS))
        return object.__getattribute__(self, name)

    def selected(self, select: Callable[[System], Selection]) -> Selection:
        object.__getattribute__(self, "_read")[select] = None
        return select(object.__getattribute__(self, "_plain"))


def _traced(system: System) -> tuple[System, dict[Read, None]]:
    read: dict[Read, None] = {}
    copy = object.__new__(_Traced)
    object.__getattribute__(copy, "__dict__").update(vars(system))
    object.__setattr__(copy, "_read", read)
    object.__setattr__(copy, "_plain", system)
    return copy, read


class _Value:
    """A field's value as a key: equal when of the same type and equal.

    Nested values compare with ``==``, so this relies on facts being typed as declared (a
    ``Fact[bool]`` holds a bool, never 1): sources are checked by mypy --strict and
    declarations validated by their models."""

    __slots__ = ("hash", "value")

    def __init__(self, value: object) -> None:
        self.value = value
        self.hash = hash((type(value), value))

    def __hash__(self) -> int:
        return self.hash

    def __eq__(self, other: object) -> bool:
        return self is other or (isinstance(other, _Value) and self.hash == other.hash
                                 and type(self.value) is type(other.value)
                                 and self.value == other.value)


class _Reads:
    """A list of fields (and selections) some check run read; numbered once per scan."""

    __slots__ = ("names", "number")

    def __init__(self, names: tuple[Read, ...], number: int) -> None:
        self.names = names
        self.number = number


class TargetFacts:
    """One target's facts as numbers: equal values (across targets) get the same number."""

    def __init__(self, system: System, numbers: dict[_Value, int],
                 held: dict[int, tuple[object, int]]) -> None:
        self.system = system
        self._numbers = numbers
        self._held = held
        self._fields: dict[Read, int | None] = {}
        self._keys: dict[int, tuple[int, ...] | None] = {}

    def key(self, reads: _Reads) -> tuple[int, ...] | None:
        """The numbers of the values of the fields read; None when one cannot be a key."""
        if reads.number in self._keys:
            return self._keys[reads.number]
        numbers = []
        for name in reads.names:
            if name not in self._fields:
                self._fields[name] = self._number(name)
            number = self._fields[name]
            if number is None:
                break
            numbers.append(number)
        key = tuple(numbers) if len(numbers) == len(reads.names) else None
        self._keys[reads.number] = key
        return key

    def _number(self, name: Read) -> int | None:
        found = getattr(self.system, name) if isinstance(name, str) else name(self.system)
        held = self._held.get(id(found))
        if held is not None and held[0] is found:
            return held[1]  # the very object that was numbered first (a shared default)
        try:
            value = _Value(found)
        except TypeError:  # unhashable: this target's checks that read it run on their own
            return None
        count = len(self._numbers)
        number = self._numbers.setdefault(value, count)
        if number == count:  # a new value: the object stays alive in the entry
            self._held[id(found)] = (found, number)
        return number


class CheckRuns:
    """The findings of every check run in one scan, shared by the facts each run read.

    Checks are named by their place (``slot``) in the scan's list of checks to run."""

    def __init__(self, run: Runner, now: dt.datetime) -> None:
        self._run = run
        self._now = now
        self._numbers: dict[_Value, int] = {}
        self._held: dict[int, tuple[object, int]] = {}
        """The object first numbered for each number, by identity: later targets that hold
        the same object (a shared default, an interned value) skip hashing it."""
        self._reads: dict[tuple[Read, ...], _Reads] = {}
        self._by_slot: dict[int | CheckRef, list[tuple[_Reads, dict[tuple[int, ...],
                                                          tuple[Finding, ...]]]]] = {}
        self.runs = 0
        """Checks actually run (for benchmarks and tests)."""

    def facts(self, system: System) -> TargetFacts:
        return TargetFacts(system, self._numbers, self._held)

    def findings(self, facts: TargetFacts, ref: CheckRef, slot: int | None = None
                 ) -> tuple[Finding, ...]:
        """``ref``'s findings on the target; ``slot`` (default: the ref itself) names it."""
        shapes = self._by_slot.setdefault(ref if slot is None else slot, [])
        for known, table in shapes:
            key = facts.key(known)
            found = table.get(key) if key is not None else None
            if found is not None:
                return found
        traced, read = _traced(facts.system)
        self.runs += 1
        findings, completed = self._run(traced, ref, self._now)
        names = tuple(read)
        reads = self._reads.setdefault(names, _Reads(names, len(self._reads)))
        key = facts.key(reads)
        if completed and key is not None:
            for known, table in shapes:
                if known is reads:
                    table[key] = findings
                    break
            else:
                shapes.append((reads, {key: findings}))
        return findings

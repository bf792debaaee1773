"""Whether a source read anything at all: the engine judges no target that holds no facts.

A fact counts when it is known and was read somewhere (a file, a probe, a capture, a
declaration, or derived from those). What an adapter fills in from its platform's defaults
alone is not evidence of anything: a folder that holds no configuration yields only that.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from voipscan.facts.fact import Fact, OriginKind, Provenance
from voipscan.facts.model import System

# What names the target rather than describing it.
_IDENTITY = frozenset({"name", "platform", "version", "evidence_kinds"})


def holds_facts(system: System) -> bool:
    """True when ``system`` holds at least one fact read from its input."""
    names = _DESCRIBED.get(type(system))
    if names is None:
        names = _DESCRIBED[type(system)] = tuple(
            name for name in _field_names(type(system)) or () if name not in _IDENTITY)
    return any(_read(getattr(system, name)) for name in names)


def _read(value: Any) -> bool:
    if isinstance(value, Fact):
        return value.value is not None and _not_default(value.source)
    if isinstance(value, Provenance):
        return value.kind is not OriginKind.DEFAULT
    if isinstance(value, tuple):
        return any(_read(item) for item in value)
    names = _field_names(type(value))
    return names is not None and any(_read(getattr(value, name)) for name in names)


def _field_names(kind: type) -> tuple[str, ...] | None:
    """The fields of a dataclass, None for any other type (asked once per type)."""
    if kind not in _FIELDS:
        _FIELDS[kind] = tuple(f.name for f in dataclasses.fields(kind)) \
            if dataclasses.is_dataclass(kind) else None
    return _FIELDS[kind]


_FIELDS: dict[type, tuple[str, ...] | None] = {}
_DESCRIBED: dict[type, tuple[str, ...]] = {}


def _not_default(source: Provenance | None) -> bool:
    return source is None or source.kind is not OriginKind.DEFAULT

"""Reading ``<param name=... value=...>`` settings with their provenance and defaults."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from voipscan.facts import Fact, Provenance
from voipscan.sources.config.freeswitch.preprocess import display, unresolved
from voipscan.sources.config.freeswitch.xmltree import Node

T = TypeVar("T")
PLATFORM = "freeswitch"

_TRUE = frozenset({"yes", "on", "true", "t", "enabled", "active", "allow"})


def switch_true(value: str) -> bool:
    """FreeSWITCH's switch_true(): yes/on/true/t/enabled/active/allow or a non-zero number."""
    text = value.strip().lower()
    if text in _TRUE:
        return True
    try:
        return int(text) != 0
    except ValueError:
        return False


@dataclass(frozen=True)
class Setting:
    """One named setting: its expanded value (None when absent) and where it was read."""

    name: str
    value: str | None
    source: Provenance | None
    where: str = ""

    @property
    def present(self) -> bool:
        return self.value is not None

    @property
    def runtime(self) -> list[str]:
        """Names of run-time variables the value depends on."""
        return unresolved(self.value) if self.value is not None else []

    def shown(self) -> str:
        return display(self.value) if self.value is not None else "(not set)"

    def fact(self, convert: Callable[[str], T | None], default: T | None = None,
             default_note: str = "") -> Fact[T]:
        """The value as a fact: converted, defaulted when absent, unknown when it depends on
        a variable FreeSWITCH only knows at run time."""
        if self.value is None:
            if default is None:
                return Fact(None, None, f"{self.where}{self.name} not set")
            return Fact(default, Provenance.default(PLATFORM, default_note or
                                                    f"{self.name} not set"))
        if self.runtime:
            names = ", ".join(f"$${{{n}}}" for n in self.runtime)
            return Fact(None, self.source, f"{self.name} depends on {names}, known only when "
                        "FreeSWITCH runs")
        return Fact(convert(self.value), self.source)


def provenance(node: Node, detail: str) -> Provenance:
    """Where a node was read; values that came from $${vars} name where those were set."""
    via = [u for u in node.uses if u.set_in is not None]
    if via:
        detail = f"{detail}; via {', '.join(u.describe() for u in via)}"
    return Provenance.file(node.path, node.line, detail)


def params(container: Node | None, where: str, tag: str = "param") -> dict[str, Setting]:
    """``<param name= value=>`` children by lower-cased name; the last one wins."""
    found: dict[str, Setting] = {}
    if container is None:
        return found
    for node in container.children_named(tag):
        name = node.attr("name")
        if name is None:
            continue
        value = node.attr("value")
        if value is None:
            value = node.attr("data")  # a few modules spell it data=
        found[name.lower()] = Setting(name, value, provenance(node, f"{where}{name}"), where)
    return found


def setting(settings: dict[str, Setting], name: str, where: str = "") -> Setting:
    return settings.get(name.lower(), Setting(name, None, None, where))

"""The XML dialplan as data: contexts, extensions, conditions and actions."""

from __future__ import annotations

from dataclasses import dataclass

from voipscan.facts import Provenance
from voipscan.sources.config.freeswitch.config import FsConfig
from voipscan.sources.config.freeswitch.settings import provenance
from voipscan.sources.config.freeswitch.xmltree import Node

TIME_ATTRIBUTES = frozenset({
    "year", "yday", "mon", "mday", "week", "mweek", "wday", "hour", "minute",
    "minute-of-day", "time-of-day", "date-time", "tz",
})


@dataclass(frozen=True)
class Action:
    application: str
    data: str
    anti: bool
    inline: bool
    node: Node

    @property
    def source(self) -> Provenance:
        kind = "anti-action" if self.anti else "action"
        return provenance(self.node, f"{kind} {self.application}")


@dataclass(frozen=True)
class Condition:
    field: str | None
    expression: str | None
    runtime_only: bool  # time-of-day or multi-regex conditions: decided when the call runs
    break_on: str
    actions: tuple[Action, ...]
    anti_actions: tuple[Action, ...]
    nested: tuple[Condition, ...]

    @property
    def always(self) -> bool:
        return self.field is None and self.expression is None and not self.runtime_only


@dataclass(frozen=True)
class Extension:
    name: str
    continues: bool
    conditions: tuple[Condition, ...]
    node: Node


@dataclass(frozen=True)
class Context:
    name: str
    extensions: tuple[Extension, ...]
    node: Node


@dataclass(frozen=True)
class Assignment:
    """``set``/``export`` of a channel variable that every call through a context runs."""

    variable: str
    value: str
    exported: bool
    leg_only: bool  # export nolocal: applies to the outbound leg only
    action: Action


def _actions(node: Node, tag: str) -> tuple[Action, ...]:
    return tuple(
        Action((a.attr("application") or "").strip(), a.attr("data") or "", tag == "anti-action",
               (a.attr("inline") or "").lower() == "true", a)
        for a in node.children_named(tag)
    )


MAX_NESTING = 32  # nested <condition>s deeper than this are dropped (hostile input)


def _condition(node: Node, depth: int = 0) -> Condition:
    expression = node.attr("expression")
    if expression is None:
        child = node.child("expression")
        expression = child.text if child is not None else None
    timed = any(node.attr(name) is not None for name in TIME_ATTRIBUTES)
    multi = node.attr("regex") is not None
    return Condition(
        node.attr("field"), expression, timed or multi,
        (node.attr("break") or "on-false").lower(),
        _actions(node, "action"), _actions(node, "anti-action"),
        tuple(_condition(c, depth + 1) for c in node.children_named("condition"))
        if depth < MAX_NESTING else (),
    )


def contexts(config: FsConfig) -> dict[str, Context] | None:
    """Contexts by name (the first of a name wins, as in mod_dialplan_xml); None when there is
    no dialplan section."""
    section = config.section("dialplan")
    if section is None:
        return None
    found: dict[str, Context] = {}
    for node in section.descendants("context"):
        name = node.attr("name")
        if not name or name in found:
            continue
        extensions = tuple(
            Extension(e.attr("name") or "", (e.attr("continue") or "").lower() == "true",
                      tuple(_condition(c) for c in e.children_named("condition")), e)
            for e in node.children_named("extension")
        )
        found[name] = Context(name, extensions, node)
    return found


def assignments(context: Context) -> list[Assignment]:
    """Variables set for every call in the context: actions under conditions that always hold."""
    result = []
    for extension in context.extensions:
        for condition in extension.conditions:
            if not condition.always:
                break
            for action in condition.actions:
                app = action.application.lower()
                if app not in ("set", "export"):
                    continue
                data = action.data
                leg_only = data.startswith("nolocal:")
                if leg_only:
                    data = data[len("nolocal:"):]
                name, equals, value = data.partition("=")
                if equals:
                    result.append(Assignment(name.strip(), value, app == "export", leg_only,
                                             action))
    return result

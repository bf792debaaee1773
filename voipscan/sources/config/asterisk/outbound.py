"""Toll fraud by authenticated callers: which contexts that phones and trunks enter let them
dial international or premium-rate numbers without a PIN or another restriction.

A dial string is looked up as Asterisk does: the context's own extensions, the most specific
pattern first, then its includes in order. The matching extension's priorities run in order:
``Authenticate``/``VMAuthenticate`` (or a DISA with a password) before the call restricts it;
``Hangup``/``Congestion``/``Busy`` ends it; a ``Dial`` of the caller's digits to a trunk (or
FreePBX's dialout macro) places it. A condition or a subroutine before that decides at run
time: the verdict is then unknown, never a pass.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum

from voipscan.facts import DialContext, Endpoint, EndpointKind, Fact, OriginKind, Provenance
from voipscan.facts.model import AuthType
from voipscan.sources.config.asterisk.dialplan import Dialplan, Step, redact, split_args
from voipscan.sources.config.dialling import INTERNATIONAL, PREMIUM, dial_strings

_PIN_APPS = frozenset({"authenticate", "vmauthenticate"})
_END_APPS = frozenset({"hangup", "congestion", "busy"})
_CONDITION_APPS = frozenset({"gotoif", "gosubif", "execif", "gotoiftime", "execiftime",
                             "agi", "eagi", "fastagi", "dbget", "while"})
_NEUTRAL_SUBS = frozenset({"user-callerid", "record-enable", "outbound-callerid",
                           "prepend-cid", "sub-record-check", "dial-ringall-predial-hook"})
_EXTEN_VAR = re.compile(r"\$\{EXTEN(?::(-?\d+)(?::(-?\d+))?)?\}")
MAX_HOPS = 8


class Outcome(Enum):
    PLACED = "placed"
    RESTRICTED = "restricted"
    RUNTIME = "decided at run time"
    NOT_PLACED = "not placed"


@dataclass(frozen=True)
class Trace:
    outcome: Outcome
    dialled: str
    context: str
    step: Step | None = None

    def describe(self, start: str) -> str:
        via = "" if self.context == start else f" (via [{self.context}])"
        if self.step is None:
            return f"dialling {self.dialled} in [{start}]{via}: {self.outcome.value}"
        where = f"{self.step.setting.path}:{self.step.setting.line}"
        return (f"dialling {self.dialled} in [{start}]{via} reaches exten {self.step.exten} "
                f"{self.step.app}({redact(self.step.args)}) at {where}: {self.outcome.value}")


def _class(pattern: str, index: int) -> tuple[str, int, int]:
    """The regex of one pattern element at ``index``, its weight and its length."""
    char = pattern[index]
    simple = {"X": ("[0-9]", 10), "Z": ("[1-9]", 9), "N": ("[2-9]", 8),
              ".": (".+", 11), "!": (".*", 12)}
    if char.upper() in simple:
        regex, weight = simple[char.upper()]
        return regex, weight, 1
    if char == "[":
        end = pattern.find("]", index)
        if end > index:
            body = pattern[index + 1:end]
            members = sum(len(range(ord(a), ord(b) + 1)) if b else 1
                          for a, b in re.findall(r"(.)(?:-(.))?", body))
            return f"[{re.escape(body).replace(chr(92) + '-', '-')}]", members, end - index + 1
    return re.escape(char), 1, 1


@dataclass(frozen=True)
class Pattern:
    exten: str
    regex: re.Pattern[str] | None
    weight: tuple[int, ...]

    @classmethod
    def of(cls, exten: str) -> Pattern:
        if not exten.startswith("_"):
            return cls(exten, None, ())
        body = exten[1:].replace("-", "") if "[" not in exten else exten[1:]
        parts, weights, index = [], [], 0
        while index < len(body):
            regex, weight, length = _class(body, index)
            parts.append(regex)
            weights.append(weight)
            index += length
        try:
            return cls(exten, re.compile("".join(parts)), tuple(weights))
        except re.error:
            return cls(exten, re.compile(r"(?!)"), tuple(weights))

    def matches(self, dialled: str) -> bool:
        if self.regex is None:
            return self.exten.replace("-", "") == dialled
        return self.regex.fullmatch(dialled) is not None


class Walker:
    """Follows one dial string through the dialplan as Asterisk would."""

    def __init__(self, dialplan: Dialplan) -> None:
        self.dialplan = dialplan
        self._patterns: dict[str, list[Pattern]] = {}

    def patterns(self, context: str) -> list[Pattern]:
        if context not in self._patterns:
            extens = dict.fromkeys(s.exten for s in self.dialplan.contexts[context].steps)
            found = [Pattern.of(e) for e in extens]
            found.sort(key=lambda p: (p.regex is not None, p.weight))
            self._patterns[context] = found
        return self._patterns[context]

    def lookup(self, context: str, dialled: str, seen: set[str]) -> tuple[str, str] | None:
        """(context, exten) that takes ``dialled``: own extensions first, then includes."""
        if context in seen or context not in self.dialplan.contexts:
            return None
        seen.add(context)
        for pattern in self.patterns(context):
            if pattern.matches(dialled):
                return context, pattern.exten
        for target, _ in self.dialplan.contexts[context].includes:
            found = self.lookup(target, dialled, seen)
            if found is not None:
                return found
        return None

    def trace(self, context: str, dialled: str, hops: int = 0) -> Trace:
        found = self.lookup(context, dialled, set())
        if found is None or hops > MAX_HOPS:
            return Trace(Outcome.NOT_PLACED, dialled, context)
        where, exten = found
        for step in (s for s in self.dialplan.contexts[where].steps if s.exten == exten):
            result = self._step(step, where, dialled, hops)
            if result is not None:
                return result
        return Trace(Outcome.NOT_PLACED, dialled, where)

    def _step(self, step: Step, context: str, dialled: str, hops: int) -> Trace | None:
        app = step.app.lower()
        if app in _PIN_APPS or (app == "disa" and not _open(step)):
            return Trace(Outcome.RESTRICTED, dialled, context, step)
        if app in _END_APPS:
            return Trace(Outcome.NOT_PLACED, dialled, context, step)
        if self.dialplan.dials_out(step):
            return Trace(Outcome.PLACED, dialled, context, step)
        if app in _CONDITION_APPS:
            return Trace(Outcome.RUNTIME, dialled, context, step)
        if app in ("gosub", "macro"):
            name = split_args(step.args)[0].split(",")[0] if step.args else ""
            if name.strip().lower() not in _NEUTRAL_SUBS:
                return Trace(Outcome.RUNTIME, dialled, context, step)
        if app == "goto":
            return self._goto(step, context, dialled, hops)
        return None

    def _goto(self, step: Step, context: str, dialled: str, hops: int) -> Trace:
        args = split_args(step.args) if step.args else []
        target, exten = (args[0], args[1]) if len(args) >= 3 else (
            (context, args[0]) if len(args) == 2 else (context, ""))
        number = _substitute(exten, dialled) if exten else dialled
        if "$" in target or number is None:
            return Trace(Outcome.RUNTIME, dialled, context, step)
        return self.trace(target.strip(), number, hops + 1)


def _open(step: Step) -> bool:
    args = split_args(step.args) if step.args else [""]
    return args[0].strip().lower() == "no-password"


def _substitute(exten: str, dialled: str) -> str | None:
    """``${EXTEN}``, ``${EXTEN:1}``, ``${EXTEN:-3}``, a literal; None for other variables."""
    def cut(match: re.Match[str]) -> str:
        start = int(match.group(1) or 0)
        length = match.group(2)
        text = dialled[start:]
        return text[: int(length)] if length is not None else text

    replaced = _EXTEN_VAR.sub(cut, exten.strip())
    return None if "$" in replaced else replaced


def _judge(walker: Walker, context: str, numbers: tuple[str, ...], what: str,
           where: Provenance, doubt: str) -> Fact[bool]:
    traces = [walker.trace(context, n) for n in dial_strings(numbers)]
    placed = next((t for t in traces if t.outcome is Outcome.PLACED), None)
    if placed is not None and placed.step is not None:
        return Fact(True, placed.step.setting.source(f"[{placed.context}] exten"),
                    f"{what} without a restriction: {placed.describe(context)}")
    runtime = next((t for t in traces if t.outcome is Outcome.RUNTIME), None)
    if runtime is not None:
        return Fact(None, where, f"{what}: a run-time decision: {runtime.describe(context)}")
    if doubt:
        return Fact(None, where, doubt)
    restricted = next((t for t in traces if t.outcome is Outcome.RESTRICTED), None)
    if restricted is not None and restricted.step is not None:
        return Fact(False, restricted.step.setting.source(f"[{restricted.context}] exten"),
                    f"{what} only after a PIN: {restricted.describe(context)}")
    return Fact(False, where, f"no {what} number tried reaches a trunk "
                f"({len(traces)} dial strings)")


def _entering(endpoints: tuple[Endpoint, ...]) -> dict[str, list[Endpoint]]:
    """Contexts that authenticated phones and trunks enter (guests are judged elsewhere)."""
    found: dict[str, list[Endpoint]] = {}
    for endpoint in endpoints:
        if endpoint.kind is EndpointKind.GUEST or endpoint.auth_type.value is AuthType.NONE:
            continue
        if endpoint.context.value:
            found.setdefault(endpoint.context.value, []).append(endpoint)
    return found


def dial_contexts(dialplan: Dialplan | None, endpoints: tuple[Endpoint, ...]
                  ) -> Iterator[DialContext]:
    """Each context an authenticated endpoint enters, with what it lets callers dial."""
    if dialplan is None:
        return
    walker = Walker(dialplan)
    for name, entering in sorted(_entering(endpoints).items()):
        reach = dialplan.reach(name)
        context = dialplan.contexts.get(name)
        source = (context.steps[0].setting.source(f"[{name}]") if context and context.steps
                  else entering[0].context.source)
        where = Provenance(OriginKind.DERIVED, dialplan.path, None,
                           f"context {name} and the contexts it includes")
        doubt = ""
        if not reach.exists and not (dialplan.partial_note or reach.missing):
            doubt = ""
        elif reach.dynamic:
            doubt = "a switch or a computed jump in the context was not followed"
        elif dialplan.partial_note or reach.missing:
            doubt = dialplan.partial_note or reach.missing
        yield DialContext(
            name, tuple(e.name for e in entering),
            _judge(walker, name, INTERNATIONAL, "international", where, doubt),
            _judge(walker, name, PREMIUM, "premium-rate", where, doubt),
            source,
        )

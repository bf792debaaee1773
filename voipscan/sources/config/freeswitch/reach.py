"""What a caller in a dialplan context can reach: gateways/external SIP, voicemail login.

A caller picks the number, so the dialplan is walked for many dial strings: generic
toll-fraud numbers plus strings built from the dialplan's own patterns (also through
``transfer $1 XML other``). Hunting follows mod_dialplan_xml: conditions in order, the last
one evaluated decides whether an extension matched, anti-actions run on a false condition,
``continue="true"`` keeps hunting; then actions run, ``transfer`` jumps to another context.
A condition that depends on something only known when the call runs makes the path
"possible" rather than certain; unknown bridge targets and scripts are possible too.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from voipscan.facts import Fact, Provenance
from voipscan.regex import compile_quietly
from voipscan.sources.config.freeswitch.dialplan import Action, Condition, Context, Extension
from voipscan.sources.config.freeswitch.witness import MAX_VALUE, too_costly, witness

GENERIC_DIAL_STRINGS = (
    "011441234567890", "00441234567890", "9011441234567890", "+441234567890",
    "441234567890", "18005551234", "918005551234", "15551234567", "5551234", "1000",
    "sip:probe@example.com",
)
MAX_DIAL_STRINGS = 400
MAX_DEPTH = 8
_PSTN_PREFIXES = ("freetdm/", "openzap/", "dahdi/", "gsmopen/", "skypopen/", "ooh323/",
                  "h323/", "opal/", "khomp/", "woomera/", "sofia/gateway/")
_INTERNAL_PREFIXES = ("user/", "group/", "${group_call", "${sofia_contact", "${verto_contact",
                      "${user_contact", "skinny/", "verto.rtc/", "error/", "rtc/",
                      "portaudio/", "alsa/", "null/", "${hash(")
_SCRIPT_APPS = frozenset({"lua", "javascript", "python", "perl", "java", "socket", "httapi",
                          "ivr", "curl", "v8", "js", "luarun", "jsrun", "enum"})
_STOP_APPS = frozenset({"hangup", "respond", "deflect", "redirect", "reject"})
_FIELD_VARIABLE = re.compile(r"^\$\{([A-Za-z0-9_\-]+)\}$")
_GROUP_REF = re.compile(r"\$(\d)")
_CHANNEL_VAR = re.compile(r"\$\{([A-Za-z0-9_\-]+)\}")
# What a SIP caller sends about itself (From user and display name): its own choice.
_CALLER_IDENTITY = re.compile(
    r"\^?\$\{(?:caller_id_number|caller_id_name|ani|sip_from_user|sip_from_display)\}\$?")


OUTBOUND, VOICEMAIL = "outbound", "voicemail"


@dataclass(frozen=True)
class Hit:
    kind: str  # OUTBOUND or VOICEMAIL
    action: Action
    context: str
    dialled: str
    target: str
    certain: bool


@dataclass(frozen=True)
class Reach:
    outbound: Fact[bool]
    voicemail: Fact[bool]


@dataclass
class _Walk:
    dialled: str
    hits: list[Hit] = field(default_factory=list)
    seen: set[tuple[str, str | None]] = field(default_factory=set)
    steps: int = 0


class Dialplan:
    def __init__(self, contexts: Mapping[str, Context], globals_: Mapping[str, str]) -> None:
        self.contexts = contexts
        self.globals = dict(globals_)

    def reach(self, context: str, authorized: bool) -> Reach:
        """What calls entering ``context`` can reach, as facts with evidence."""
        if context not in self.contexts:
            missing: Fact[bool] = Fact(False, None, f"context '{context}' is not in the "
                                       "dialplan: calls entering it find no route")
            return Reach(missing, missing)
        dial_strings = self.dial_strings()
        hits = self.hits(context, authorized, dial_strings)
        node = self.contexts[context].node
        where = Provenance.file(node.path, node.line, f"context {context}")
        tried = len(dial_strings)
        return Reach(_verdict(hits, OUTBOUND, context, where, tried,
                              "a gateway or external SIP address"),
                     _verdict(hits, VOICEMAIL, context, where, tried, "a voicemail login"))

    def hits(self, context: str, authorized: bool, dial_strings: Sequence[str],
             known: Mapping[str, str] | None = None) -> list[Hit]:
        """What the given dial strings reach from ``context``; ``known`` sets channel
        variables (a caller without a class of service: ``toll_allow`` empty)."""
        env = {**self.globals, "sip_authorized": "true" if authorized else "",
               "sip_looped_call": "", "source": "mod_sofia", **(known or {})}
        hits: list[Hit] = []
        for dialled in dial_strings:
            walk = _Walk(dialled)
            self._hunt(walk, context, dialled, env, certain=True, depth=0)
            hits.extend(walk.hits)
            if {h.kind for h in hits if h.certain} == {OUTBOUND, VOICEMAIL}:
                break
        return hits

    @functools.cached_property
    def _witnesses(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for name, context in self.contexts.items():
            found[name] = [w for expr in _destination_patterns(context)
                           if (w := witness(expr)) is not None]
        return found

    def dial_strings(self) -> list[str]:
        result = dict.fromkeys(GENERIC_DIAL_STRINGS)
        for strings in self._witnesses.values():
            result.update(dict.fromkeys(strings))
        for context in self.contexts.values():
            for pattern, group, target in _forwarding(context):
                for inner in self._witnesses.get(target, []):
                    built = witness(pattern, {group: inner})
                    if built is not None:
                        result[built] = None
        return list(result)[:MAX_DIAL_STRINGS]

    def _hunt(self, walk: _Walk, name: str, dialled: str | None, env: Mapping[str, str],
              certain: bool, depth: int) -> None:
        context = self.contexts.get(name)
        if context is None or depth > MAX_DEPTH or (name, dialled) in walk.seen:
            return
        walk.seen.add((name, dialled))
        queued: list[tuple[Action, bool, tuple[str | None, ...]]] = []
        for extension in context.extensions:
            walk.steps += 1
            outcome = self._extension(extension, dialled, env, queued, certain)
            if outcome is True and not extension.continues:
                break
            if outcome is None and not extension.continues:
                certain = False
        self._run(walk, name, dialled, env, queued, depth)

    def _extension(self, extension: Extension, dialled: str | None, env: Mapping[str, str],
                   queued: list[tuple[Action, bool, tuple[str | None, ...]]],
                   certain: bool) -> bool | None:
        outcome: bool | None = True
        for condition in extension.conditions:
            outcome, certain = self._condition(condition, dialled, env, queued, certain)
            if outcome is True and condition.break_on in ("on-true", "always"):
                break
            if outcome is False and condition.break_on in ("on-false", "always"):
                break
        return outcome

    def _condition(self, condition: Condition, dialled: str | None, env: Mapping[str, str],
                   queued: list[tuple[Action, bool, tuple[str | None, ...]]],
                   certain: bool) -> tuple[bool | None, bool]:
        if _caller_chooses(condition, dialled):
            # either branch is the caller's to pick: both are reachable, and hunting goes
            # on as after a false condition
            queued.extend((a, certain, ()) for a in condition.actions)
            for nested in condition.nested:
                self._condition(nested, dialled, env, queued, certain)
            queued.extend((a, certain, ()) for a in condition.anti_actions)
            return False, certain
        result, groups = _evaluate(condition, dialled, env)
        if result is not False:
            queued.extend((a, certain and result is True, groups) for a in condition.actions)
            for nested in condition.nested:
                self._condition(nested, dialled, env, queued, certain and result is True)
        if result is not True:
            queued.extend((a, certain and result is False, ()) for a in condition.anti_actions)
        return result, certain and result is not None

    def _run(self, walk: _Walk, name: str, dialled: str | None, env: Mapping[str, str],
             queued: list[tuple[Action, bool, tuple[str | None, ...]]], depth: int) -> None:
        env = dict(env)
        for action, certain, groups in queued:
            app = action.application.lower()
            data = _substitute(action.data, groups, dialled, env)
            if app in ("set", "export"):
                key, equals, value = data.removeprefix("nolocal:").partition("=")
                if equals and "${" not in value:
                    env[key.strip()] = value
            elif app == "bridge" or (app == "conference" and "bridge:" in data):
                self._bridge(walk, name, action, data, env, certain, depth)
            elif app in ("transfer", "execute_extension"):
                words = [w for w in data.split() if w not in ("-bleg", "-both")]
                if len(words) > 1 and words[1].lower() == "enum":
                    walk.hits.append(Hit(OUTBOUND, action, name, walk.dialled,
                                         "the ENUM dialplan (routes to what DNS returns)",
                                         False))
                self._follow(walk, name, data, env, certain, depth)
                if app == "transfer" and certain:
                    return
            elif app == "voicemail" and data.split()[:1] == ["check"]:
                walk.hits.append(Hit(VOICEMAIL, action, name, walk.dialled, data, certain))
            elif app in _SCRIPT_APPS:
                target = f"{app} {data}".strip()
                walk.hits.append(Hit(OUTBOUND, action, name, walk.dialled, target, False))
                walk.hits.append(Hit(VOICEMAIL, action, name, walk.dialled, target, False))
            elif app in _STOP_APPS and certain:
                return

    def _bridge(self, walk: _Walk, name: str, action: Action, data: str,
                env: Mapping[str, str], certain: bool, depth: int) -> None:
        if action.application.lower() == "conference":
            data = data.split("bridge:", 1)[1].partition(":")[2]
        for target in bridge_targets(data):
            kind = classify_target(target)
            if kind == "loopback":
                dest, context = _loopback_hop(target)
                parts = target.split("/")
                dialplan = parts[3] if len(parts) > 3 else "XML"
                self._follow(walk, name, f"{dest} {dialplan} {context}", env, certain, depth)
            elif kind in ("outbound", "unknown"):
                walk.hits.append(Hit(OUTBOUND, action, name, walk.dialled, target,
                                     certain and kind == "outbound"))

    def _follow(self, walk: _Walk, name: str, data: str, env: Mapping[str, str],
                certain: bool, depth: int) -> None:
        words = [w for w in data.split() if w not in ("-bleg", "-both")]
        if not words:
            return
        dialled: str | None = words[0]
        dialplan = words[1] if len(words) > 1 else "XML"
        target = words[2] if len(words) > 2 else name
        if dialplan.upper() != "XML":
            return
        if dialled is not None and ("${" in dialled or "\ue000" in dialled):
            dialled = None
        self._hunt(walk, target, dialled, env, certain and dialled is not None, depth + 1)


def _caller_chooses(condition: Condition, dialled: str | None) -> bool:
    """A condition that compares the number dialled with what the caller sends as its own
    identity (``expression="^${caller_id_number}$"``): a caller sets its From header to match
    or not, as it likes."""
    return (dialled is not None and not condition.runtime_only
            and condition.field in ("destination_number", "${destination_number}")
            and condition.expression is not None
            and _CALLER_IDENTITY.fullmatch(condition.expression) is not None)


def _evaluate(condition: Condition, dialled: str | None,
              env: Mapping[str, str]) -> tuple[bool | None, tuple[str | None, ...]]:
    if condition.runtime_only:
        return None, ()
    if condition.field is None:
        return (True, ()) if condition.expression is None else (None, ())
    value = _field_value(condition.field, dialled, env)
    expression = condition.expression
    if value is None or expression is None or "${" in expression:
        return None, ()
    if too_costly(expression) or len(value) > MAX_VALUE:
        return None, ()  # unknown: not worth a runaway backtracking search
    try:
        match = _regex(expression).search(value)
    except (re.error, OverflowError, RecursionError):  # a{4294967296}; nesting too deep
        return None, ()
    return (True, match.groups()) if match else (False, ())


def _field_value(name: str, dialled: str | None, env: Mapping[str, str]) -> str | None:
    variable = _FIELD_VARIABLE.match(name)
    key = variable.group(1) if variable else name
    if key == "destination_number":
        return dialled
    if variable is None and key not in ("source",):
        return None  # caller-profile fields (caller_id_number, network_addr...): caller's choice
    return env.get(key)


@functools.lru_cache(maxsize=4096)
def _regex(expression: str) -> re.Pattern[str]:
    return compile_quietly(expression)


def _substitute(data: str, groups: tuple[str | None, ...], dialled: str | None,
                env: Mapping[str, str]) -> str:
    def group(match: re.Match[str]) -> str:
        index = int(match.group(1))
        return (groups[index - 1] or "") if 0 < index <= len(groups) else ""

    def variable(match: re.Match[str]) -> str:
        key = match.group(1)
        if key == "destination_number" and dialled is not None:
            return dialled
        return env.get(key, match.group(0))

    return _CHANNEL_VAR.sub(variable, _GROUP_REF.sub(group, data))


def bridge_targets(data: str) -> Iterator[str]:
    """Dial strings in bridge data, without {var=...}/[var=...] prefixes."""
    text = data.strip()
    while text[:1] in ("{", "<"):
        end = text.find("}" if text[0] == "{" else ">")
        if end < 0:
            break
        text = text[end + 1:]
    for part in re.split(r"\||,|:_:", text):
        part = part.strip()
        while part[:1] == "[":
            end = part.find("]")
            if end < 0:
                break
            part = part[end + 1:].strip()
        if part:
            yield part


def classify_target(target: str) -> str:
    """outbound, internal, loopback or unknown (a variable decides)."""
    lowered = target.lower()
    if lowered.startswith(_PSTN_PREFIXES):
        return "outbound"
    if lowered.startswith("loopback/"):
        return "loopback"
    if lowered.startswith(_INTERNAL_PREFIXES):
        return "internal"
    if lowered.startswith("sofia/"):
        rest = target.split("/", 2)[2] if target.count("/") >= 2 else ""
        if "%" in rest or "@" not in rest:
            return "internal"
        host = rest.rsplit("@", 1)[1]
        local = ("${domain_name}", "${dialed_domain}", "${domain}", "\ue000")
        return "internal" if any(marker in host for marker in local) else "outbound"
    return "unknown" if "${" in target else "internal"


def _destination_patterns(context: Context) -> Iterator[str]:
    for extension in context.extensions:
        stack = list(extension.conditions)
        while stack:
            condition = stack.pop()
            if (condition.field in ("destination_number", "${destination_number}")
                    and condition.expression):
                yield condition.expression
            stack.extend(condition.nested)


def _forwarding(context: Context) -> Iterator[tuple[str, int, str]]:
    """(pattern, group, target context) for extensions that pass a captured group on:
    ``transfer $1 XML ctx``, ``execute_extension $1 XML ctx``, ``bridge loopback/$1/ctx``."""
    for extension in context.extensions:
        for condition in extension.conditions:
            if condition.field not in ("destination_number", "${destination_number}") \
                    or condition.expression is None:
                continue
            for action in condition.actions:
                app = action.application.lower()
                if app in ("transfer", "execute_extension"):
                    words = [w for w in action.data.split() if w not in ("-bleg", "-both")]
                    hops = [(words[0], words[2] if len(words) > 2 else context.name)] \
                        if words else []
                elif app == "bridge":
                    hops = [_loopback_hop(t) for t in bridge_targets(action.data)
                            if t.lower().startswith("loopback/")]
                else:
                    continue
                for dialled, target in hops:
                    ref = _GROUP_REF.search(dialled)
                    if ref is not None:
                        yield condition.expression, int(ref.group(1)), target


def _loopback_hop(target: str) -> tuple[str, str]:
    parts = target[len("loopback/"):].split("/")
    return parts[0], parts[1] if len(parts) > 1 else "default"


def describe(hit: Hit, context: str) -> str:
    where = f"{hit.action.node.path}:{hit.action.node.line}"
    route = f"context '{context}'" if hit.context == context else \
        f"context '{context}' (via '{hit.context}')"
    return f"dialling {hit.dialled!r} in {route} reaches {hit.action.application} " \
           f"{hit.target} ({where})"


def _verdict(hits: list[Hit], kind: str, context: str, where: Provenance, tried: int,
             what: str) -> Fact[bool]:
    relevant = [h for h in hits if h.kind == kind]
    definite = next((h for h in relevant if h.certain), None)
    if definite is not None:
        return Fact(True, definite.action.source, describe(definite, context))
    if relevant:
        return Fact(None, relevant[0].action.source, "may be reached depending on run-time "
                    f"conditions: {describe(relevant[0], context)}")
    return Fact(False, where, f"none of {tried} dial strings tried (generic and built from the "
                f"dialplan's own patterns) reaches {what}")

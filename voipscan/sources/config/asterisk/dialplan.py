"""extensions.conf: what a caller entering a context can reach, and how calls are recorded.

A context "dials out" when one of its pattern extensions (``_9X.``) hands the dialled digits
(``${EXTEN}``) to a trunk: ``Dial(PJSIP/${EXTEN}@provider)``, ``Dial(SIP/trunk/${EXTEN:1})``,
``Dial(${TRUNK}/${EXTEN})``, or FreePBX's ``dialout`` macros. Reachable contexts are followed
through ``include =>``, Goto/Gosub/Macro jumps and ``Local/...@context`` channels.
``DISA(no-password,...)`` hands whoever reaches it a dial tone: it dials out.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass, field

from voipscan.facts import Fact, OriginKind, Provenance
from voipscan.sources.config.asterisk.conf import ConfFile, Setting

_NOT_CONTEXTS = frozenset({"general", "globals"})
_JUMP_APPS = frozenset({"goto", "gotoif", "gosub", "gosubif", "macro", "execif"})
_VOICEMAIL_APPS = frozenset({"voicemailmain"})
_RECORD_APPS = frozenset({"mixmonitor", "monitor"})
_ANNOUNCE_APPS = frozenset({"playback", "background", "read", "controlplayback", "say"})
_NOTICE_PROMPT = re.compile(r"record|consent|monitor|announce", re.IGNORECASE)
_VARIABLE = re.compile(r"\$\{(?:GLOBAL\()?([A-Za-z_][A-Za-z0-9_]*)\)?\}")
_CREDENTIALS = re.compile(r"(/[^/:@,&()]+):[^/@,&()]+@")


def redact(text: str) -> str:
    """Hide credentials embedded in dial strings (IAX2/user:secret@host) before reporting."""
    return _CREDENTIALS.sub(r"\1:***@", text)


@dataclass(frozen=True)
class Step:
    """One priority: ``exten => name,priority,App(args)``."""

    exten: str
    app: str
    args: str
    setting: Setting

    @property
    def pattern(self) -> bool:
        return self.exten.startswith("_")


@dataclass
class Context:
    name: str
    steps: list[Step] = field(default_factory=list)
    includes: list[tuple[str, Setting]] = field(default_factory=list)
    switches: list[Setting] = field(default_factory=list)


@dataclass(frozen=True)
class Found:
    """Evidence that a context reaches something: the step, and the path to it."""

    step: Step
    path: tuple[str, ...]

    def fact(self, what: str) -> Fact[bool]:
        route = " > ".join(self.path)
        note = f"{what}: {route}, exten {self.step.exten} {self.step.app}" \
               f"({redact(self.step.args)})"
        return Fact(True, self.step.setting.source(f"[{self.step.setting.section}] exten"),
                    note)


@dataclass(frozen=True)
class Reach:
    exists: bool
    outbound: Found | None = None
    voicemail: Found | None = None
    dynamic: bool = False
    contexts: int = 0
    missing: str = ""  # a missing include may add to what is reached


@dataclass
class Dialplan:
    conf: ConfFile
    contexts: dict[str, Context]
    globals: dict[str, str]
    partial_note: str = ""
    _cache: dict[str, Reach] = field(default_factory=dict)

    @property
    def path(self) -> str:
        return self.conf.root_display or self.conf.root

    def reach(self, start: str) -> Reach:
        if start not in self._cache:
            self._cache[start] = self._walk(start)
        return self._cache[start]

    def _missing(self, context: str | None) -> str:
        """Why a missing include may change what ``context`` holds (or define it)."""
        gaps = self.conf.gaps if context is None or context not in self.contexts else [
            g for s in self.conf.by_name.get(context, ()) for g in s.gaps]
        if not gaps:
            return ""
        gap = gaps[0]
        return f"{gap.target} is missing ({gap.path}:{gap.line}) and may add to the dialplan"

    def _walk(self, start: str) -> Reach:
        if start not in self.contexts:
            return Reach(False, missing=self._missing(start))
        seen: dict[str, tuple[str, ...]] = {start: (start,)}
        queue = deque([start])
        outbound: Found | None = None
        voicemail: Found | None = None
        dynamic = False
        missing = ""
        while queue:
            name = queue.popleft()
            path = seen[name]
            context = self.contexts[name]
            dynamic = dynamic or bool(context.switches)
            missing = missing or self._missing(name)
            targets = [target for target, _ in context.includes]
            for step in context.steps:
                app = step.app.lower()
                if outbound is None and self._dials_out(step):
                    outbound = Found(step, path)
                if voicemail is None and app in _VOICEMAIL_APPS:
                    voicemail = Found(step, path)
                jumps, unresolved = self._jumps(step)
                targets.extend(jumps)
                dynamic = dynamic or unresolved
            for target in targets:
                if target in self.contexts and target not in seen:
                    seen[target] = (*path, target)
                    queue.append(target)
                elif target not in self.contexts:
                    missing = missing or self._missing(target)
        return Reach(True, outbound, voicemail, dynamic, len(seen), missing)

    def substitute(self, text: str) -> str:
        for _ in range(3):
            replaced = _VARIABLE.sub(
                lambda m: self.globals.get(m.group(1), m.group(0)), text)
            if replaced == text:
                break
            text = replaced
        return text

    def dials_out(self, step: Step) -> bool:
        """Whether the step sends the caller's digits to a trunk (or opens a DISA)."""
        return self._dials_out(step)

    def _dials_out(self, step: Step) -> bool:
        app = step.app.lower()
        if app == "disa":
            return _open_disa(step)
        if not step.pattern:
            return False
        if app in ("macro", "gosub") and "dialout" in step.args.lower():
            return True
        if app not in ("dial", "queue"):
            return False
        resources = split_args(step.args)[0] if step.args else ""
        return any(_is_trunk(self.substitute(r)) for r in split_top(resources, "&"))

    def _jumps(self, step: Step) -> tuple[list[str], bool]:
        app = step.app.lower()
        if app == "disa":
            args = split_args(step.args) if step.args else []
            context = args[1] if len(args) > 1 and args[1].strip() else "disa"
            return _literal([context]) if _open_disa(step) else ([], False)
        if app == "dial":
            found = []
            resources = split_args(step.args)[0] if step.args else ""
            for resource in split_top(resources, "&"):
                tech, _, rest = resource.partition("/")
                if tech.lower() == "local" and "@" in rest:
                    found.append(rest.partition("@")[2].partition("/")[0])
            return _literal(found)
        if app not in _JUMP_APPS:
            return [], False
        if app == "macro":
            name = split_args(step.args)[0] if step.args else ""
            return _literal([f"macro-{name}"])
        branches = [step.args]
        if app in ("gotoif", "gosubif", "execif"):
            _, _, choice = step.args.partition("?")
            branches = split_top(choice, ":")
            if app == "execif":
                return [], False
        found = []
        for branch in branches:
            parts = split_args(branch)
            if len(parts) >= 3:
                found.append(parts[0])
        return _literal(found)


def _open_disa(step: Step) -> bool:
    """DISA(no-password,...): a dial tone for whoever reaches this step."""
    args = split_args(step.args) if step.args else [""]
    return args[0].strip().lower() == "no-password"


def _literal(names: list[str]) -> tuple[list[str], bool]:
    """Context names to follow, and whether some came from variables. ``${CONTEXT}`` is the
    channel's own context: one already on the path, nothing new."""
    named = [n.strip() for n in names if n.strip() and n.strip() != "${CONTEXT}"]
    literal = [n for n in named if "$" not in n]
    return literal, len(literal) != len(named)


def _is_trunk(resource: str) -> bool:
    """A dial string that sends caller-chosen digits beyond the PBX."""
    if "${EXTEN" not in resource:
        return False
    tech, _, rest = resource.partition("/")
    if "$" in tech:
        return True  # the technology itself comes from a variable: a trunk definition
    if tech.strip().lower() == "local":
        return False
    return "@" in rest or "/" in rest


def split_top(text: str, separator: str) -> list[str]:
    """Split on a separator outside (), [], {} and quotes."""
    parts: list[str] = []
    depth = 0
    quoted = False
    current: list[str] = []
    for char in text:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in "([{":
            depth += 1
        elif not quoted and char in ")]}":
            depth = max(0, depth - 1)
        if char == separator and depth == 0 and not quoted:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return [p.strip() for p in parts]


def split_args(text: str) -> list[str]:
    return split_top(text, ",")


def _parse_step(exten: str, rest: str, setting: Setting) -> Step | None:
    """``priority,App(args)`` (after the extension name) into a step."""
    _, _, command = rest.partition(",")
    command = command.strip()
    if not command:
        return None
    app, paren, tail = command.partition("(")
    if paren:
        args = tail[:-1] if tail.endswith(")") else tail
    else:
        app, _, args = command.partition(",")
    return Step(exten.strip(), app.strip(), args.strip(), setting)


def build_dialplan(conf: ConfFile, partial_note: str = "") -> Dialplan:
    contexts: dict[str, Context] = {}
    globals_: dict[str, str] = {}
    for section in conf.sections:
        if section.template:
            continue
        if section.name.lower() == "globals":
            globals_.update({s.key: s.value for s in section.settings})
            continue
        if section.name.lower() in _NOT_CONTEXTS:
            continue
        context = contexts.setdefault(section.name, Context(section.name))
        exten = ""
        for setting in section.settings:
            key = setting.key.lower()
            if key == "exten":
                exten, _, rest = setting.value.partition(",")
                step = _parse_step(exten, rest, setting)
            elif key == "same":
                step = _parse_step(exten, setting.value, setting) if exten else None
            elif key == "include":
                target = re.split(r"[,|]", setting.value, maxsplit=1)[0].strip()
                context.includes.append((target, setting))
                continue
            elif key in ("switch", "eswitch", "lswitch"):
                context.switches.append(setting)
                continue
            else:
                continue
            if step is not None:
                context.steps.append(step)
    return Dialplan(conf, contexts, globals_, partial_note)


@dataclass(frozen=True)
class RecordingUse:
    """How calls are recorded in the dialplan (MixMonitor / Monitor)."""

    steps: tuple[Step, ...]
    silent: tuple[Step, ...]
    undecided: tuple[Step, ...]


def recording_use(dialplan: Dialplan) -> RecordingUse:
    """Every recording step, split by whether callers get a beep or an announcement first."""
    steps: list[Step] = []
    silent: list[Step] = []
    undecided: list[Step] = []
    for context in dialplan.contexts.values():
        announced: set[str] = set()
        for step in context.steps:
            app = step.app.lower()
            if app in _ANNOUNCE_APPS and _NOTICE_PROMPT.search(step.args):
                announced.add(step.exten)
            if app not in _RECORD_APPS:
                continue
            steps.append(step)
            beep = _beeps(step)
            if step.exten in announced or beep is True:
                continue
            (undecided if beep is None else silent).append(step)
    return RecordingUse(tuple(steps), tuple(silent), tuple(undecided))


def _beeps(step: Step) -> bool | None:
    """MixMonitor options B() (periodic beep) or p (beep at start); None when variable."""
    if step.app.lower() != "mixmonitor":
        return False
    args = split_args(step.args)
    options = args[1] if len(args) > 1 else ""
    if "$" in options:
        return None
    letters = re.sub(r"\([^)]*\)", "", options)
    return "B" in letters or "p" in letters


def reach_facts(dialplan: Dialplan | None, context: Fact[str], missing_note: str
                ) -> tuple[Fact[bool], Fact[bool]]:
    """(reaches an outbound route, reaches VoiceMailMain) for calls entering a context."""
    if dialplan is None:
        return Fact(None, None, missing_note), Fact(None, None, missing_note)
    if context.value is None:
        note = "dialplan context not known"
        return Fact(None, None, note), Fact(None, None, note)
    reach = dialplan.reach(context.value)
    if not reach.exists and (dialplan.partial_note or reach.missing):
        note = f"context {context.value!r} not found: {dialplan.partial_note or reach.missing}"
        return Fact(None, context.source, note), Fact(None, context.source, note)
    if not reach.exists:
        source = context.source
        note = f"context {context.value!r} is not defined in the dialplan: calls are rejected"
        return Fact(False, source, note), Fact(False, source, note)
    where = Provenance(OriginKind.DERIVED, dialplan.path, None,
                       f"context {context.value} and {reach.contexts - 1} reachable context(s)")

    def judge(found: Found | None, what: str) -> Fact[bool]:
        if found is not None:
            return found.fact(what)
        if reach.dynamic:
            return Fact(None, where, "a switch or a computed jump was not followed")
        if dialplan.partial_note or reach.missing:
            return Fact(None, where, dialplan.partial_note or reach.missing)
        return Fact(False, where)

    return judge(reach.outbound, "dials out"), judge(reach.voicemail, "reaches VoiceMailMain")

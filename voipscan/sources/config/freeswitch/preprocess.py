"""FreeSWITCH's XML pre-processor, replayed without running anything.

FreeSWITCH reads its config line by line before any XML parsing (switch_xml.c):
``$${name}`` is replaced by the value of a pre-processor variable, a line holding
``<X-PRE-PROCESS cmd=... data=...>`` is consumed (``set`` defines a variable, ``include``
pastes files matching a glob relative to the including file), lines with ``<include>``,
``</include>`` or ``<?`` are dropped, and ``<!--#cmd "arg"-->`` works like X-PRE-PROCESS.
It does not know about XML comments, so an X-PRE-PROCESS line inside ``<!-- -->`` still runs;
``X-NO-PRE-PROCESS`` / ``Z-PRE-PROCESS`` are the ways to disable one.

Here every dropped line is kept as an empty line, so line numbers stay those of the file.
Commands are never run: ``exec-set``, ``env-set`` and ``stun-set`` make a variable whose value
is unknown, ``exec`` output is missing (reported). Includes are followed only inside the
scanned tree, cycles are reported, and expansion is bounded.
"""

from __future__ import annotations

import glob
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from voipscan.errors import InputError, Problem, ProblemLevel
from voipscan.sources.config.freeswitch.overlay import profile_files
from voipscan.sources.config.freeswitch.xmltree import PLACEHOLDER, Node, VarUse, parse_fragment
from voipscan.textfile import read_text

UNKNOWN_OPEN, UNKNOWN_CLOSE = "\ue000", "\ue001"
MAX_DEPTH = 100  # FreeSWITCH's own include limit
MAX_FILES = 20_000
MAX_LINE = 1 << 20
MAX_TOTAL = 64 << 20

# Set by FreeSWITCH itself at start-up (listed in the stock vars.xml): known only at run time.
RUNTIME_VARIABLES = frozenset({
    "hostname", "local_ip_v4", "local_mask_v4", "local_ip_v6", "switch_serial", "base_dir",
    "recordings_dir", "sound_prefix", "sounds_dir", "conf_dir", "log_dir", "run_dir", "db_dir",
    "mod_dir", "htdocs_dir", "script_dir", "temp_dir", "grammar_dir", "certs_dir",
    "storage_dir", "cache_dir", "core_uuid", "zrtp_enabled", "nat_public_addr",
    "nat_private_addr", "nat_type", "fonts_dir", "images_dir", "data_dir", "localstate_dir",
})

_DIRECTIVE = re.compile(r"x-pre-process", re.IGNORECASE)
_CMD = re.compile(r'cmd\s*=\s*"([^"]*)"', re.IGNORECASE)
_DATA = re.compile(r'data\s*=\s*"([^"]*)"', re.IGNORECASE)
_HASH_CMD = re.compile(r'<!--#(\S+)(?:\s+(?:"([^"]*)"|(\S+)))?')


class VarKind(StrEnum):
    SET = "set"
    EXEC_SET = "exec-set"
    ENV_SET = "env-set"
    STUN_SET = "stun-set"
    RUNTIME = "runtime"
    PACKAGED = "packaged"  # set by the packaged vars.xml, which the scanned tree leaves out


@dataclass(frozen=True)
class Variable:
    name: str
    value: str | None  # None: known only when FreeSWITCH runs
    kind: VarKind
    path: str | None = None
    line: int | None = None


def unknown_marker(name: str) -> str:
    return f"{UNKNOWN_OPEN}{name}{UNKNOWN_CLOSE}"


def unresolved(value: str) -> list[str]:
    """Names of run-time variables inside an expanded value."""
    return re.findall(f"{UNKNOWN_OPEN}([^{UNKNOWN_CLOSE}]*){UNKNOWN_CLOSE}", value)


def display(value: str) -> str:
    """An expanded value as a person would write it (unknown parts as $${name})."""
    return re.sub(f"{UNKNOWN_OPEN}([^{UNKNOWN_CLOSE}]*){UNKNOWN_CLOSE}", r"$${\1}", value)


@dataclass(frozen=True)
class ConfigDocument:
    """The whole pre-processed configuration as one tree (``<document>`` at the top)."""

    root: Node
    variables: Mapping[str, Variable]
    files: tuple[str, ...]
    problems: tuple[Problem, ...]
    loose_profiles: tuple[Node, ...] = ()
    """Sofia profiles no sofia.conf.xml loads (an overlay, another layout): judged anyway."""


@dataclass
class _FileState:
    path: Path
    shown: str
    includes: list[tuple[Node, ...]] = field(default_factory=list)
    uses: dict[int, tuple[VarUse, ...]] = field(default_factory=dict)


class Preprocessor:
    def __init__(self, root: Path, shown_root: str) -> None:
        self.root = root.resolve()
        self.shown_root = shown_root
        self.variables: dict[str, Variable] = {}
        self.problems: list[Problem] = []
        self.files: list[str] = []
        self.stack: list[Path] = []
        self.total = 0
        self.warned_empty: set[str] = set()
        self.read: set[Path] = set()
        self.packaged_vars = False  # vars.xml left out of the tree: unset names are unknown
        self.warned_packaged = False

    def shown(self, path: Path) -> str:
        return self._shown_resolved(path.resolve(), path)

    def _shown_resolved(self, resolved: Path, path: Path) -> str:
        try:
            relative = resolved.relative_to(self.root)
        except ValueError:
            return str(path)
        return str(Path(self.shown_root) / relative)

    def problem(self, message: str, path: str | None, line: int | None = None,
                level: ProblemLevel = ProblemLevel.ERROR) -> None:
        self.problems.append(Problem(message, path, line, level))

    def load(self, path: Path, text: str | None = None) -> tuple[Node, ...]:
        """Pre-process and parse one file (and, recursively, what it includes).

        Raises InputError when the file itself cannot be read or parsed; a caller that
        includes it turns that into a Problem and goes on.
        """
        if len(self.files) >= MAX_FILES:
            raise InputError(f"more than {MAX_FILES} files included; stopped", str(path))
        resolved = path.resolve()
        shown = self._shown_resolved(resolved, path)
        if text is None:
            text = read_text(path)
            self.read.add(resolved)
        self.files.append(shown)
        state = _FileState(path, shown)
        self.stack.append(resolved)
        tracker = _Multiline()
        try:
            lines = [self._line(state, number, tracker.feed(raw))
                     for number, raw in enumerate(text.split("\n"), 1)]
        finally:
            self.stack.pop()
        return parse_fragment("\n".join(lines), shown, state.includes, state.uses)

    def _line(self, state: _FileState, number: int, raw: _RawLine) -> str:
        text = raw.text
        if raw.skip:
            return ""
        expanded, uses = self._expand(raw, state.shown, number)
        if uses:
            state.uses[number] = tuple(uses)
        if "<include>" in text or "</include>" in text or "<?" in text:
            return ""
        match = _DIRECTIVE.search(expanded)
        if match:
            if match.start() == 0 or expanded[match.start() - 1] != "<":
                return ""
            in_raw = _DIRECTIVE.search(text)
            if in_raw is not None and raw.commented(in_raw.start()):
                self._warn_commented(expanded[match.start():], state.shown, number)
            cmd = _CMD.search(expanded, match.end())
            data = _DATA.search(expanded, cmd.end()) if cmd else None
            if cmd is None or data is None:
                return ""
            return self._command(state, number, cmd.group(1), data.group(1))
        hash_at = expanded.find("<!--#")
        if hash_at >= 0:
            found = _HASH_CMD.match(expanded, hash_at)
            end = expanded.find("-->", hash_at)
            kept = expanded[:hash_at] + (expanded[end + 3:] if end >= 0 else "")
            if found is not None:
                argument = found.group(2) if found.group(2) is not None else found.group(3)
                placeholder = self._command(state, number, found.group(1), argument or "")
                return kept + placeholder
            return kept
        return expanded

    def _warn_commented(self, directive: str, path: str, line: int) -> None:
        cmd = _CMD.search(directive)
        what = f'cmd="{cmd.group(1)}"' if cmd else "directive"
        self.problem(f"X-PRE-PROCESS {what} inside an XML comment: FreeSWITCH still runs it "
                     "(remove the line or rename it X-NO-PRE-PROCESS)", path, line,
                     ProblemLevel.WARNING)

    def _command(self, state: _FileState, line: int, cmd: str, data: str) -> str:
        command = cmd.lower()
        if command == "set":
            name, equals, value = data.partition("=")
            if equals:
                self._define(name.rstrip(" "), value.lstrip(" "), VarKind.SET, state, line)
            return ""
        if command in ("exec-set", "env-set", "stun-set"):
            name, equals, _ = data.partition("=")
            if equals:
                self._define(name.rstrip(" "), None, VarKind(command), state, line)
            return ""
        if command == "include":
            return self._include(state, line, data)
        if command == "exec":
            self.problem("X-PRE-PROCESS cmd=\"exec\" not run: the config it would produce is "
                         "not checked", state.shown, line, ProblemLevel.WARNING)
            return ""
        if command != "comment":
            self.problem(f"unknown X-PRE-PROCESS command {cmd!r} ignored", state.shown, line,
                         ProblemLevel.WARNING)
        return ""

    def _define(self, name: str, value: str | None, kind: VarKind, state: _FileState,
                line: int) -> None:
        self.variables[name] = Variable(name, value, kind, state.shown, line)

    def _include(self, state: _FileState, line: int, pattern: str) -> str:
        targets = self._resolve(state, line, pattern)
        nodes: list[Node] = []
        for target in targets:
            if target.resolve() in self.stack:
                chain = " -> ".join(Path(p).name for p in [*self.stack, target.resolve()])
                self.problem(f"include cycle ({chain}); not followed", state.shown, line)
                continue
            if len(self.stack) > MAX_DEPTH:
                self.problem(f"includes nested deeper than {MAX_DEPTH}; not followed",
                             state.shown, line)
                continue
            try:
                nodes.extend(self.load(target))
            except InputError as error:
                self.problems.append(Problem.from_error(error))
        state.includes.append(tuple(nodes))
        return f'<{PLACEHOLDER} ref="{len(state.includes) - 1}"/>'

    def _resolve(self, state: _FileState, line: int, pattern: str) -> list[Path]:
        if unresolved(pattern):
            self.problem(f"include path depends on a run-time variable ({display(pattern)}); "
                         "not followed", state.shown, line, ProblemLevel.WARNING)
            return []
        candidate = Path(pattern)
        if candidate.is_absolute():
            rebased = _rebase(candidate, self.root)
            if rebased is None:
                self.problem(f"absolute include {pattern} not found in the scanned tree; not "
                             "followed", state.shown, line, ProblemLevel.WARNING)
                return []
            if rebased != candidate:
                self.problem(f"absolute include {pattern} read from the scanned tree as "
                             f"{self.shown(rebased.parent)}/{rebased.name}", state.shown, line,
                             ProblemLevel.WARNING)
            candidate = rebased
        else:
            candidate = state.path.parent / candidate
        matches = sorted(Path(p) for p in glob.glob(str(candidate)))
        if not matches and not glob.has_magic(str(candidate)):
            self.problem(f"included file {pattern} not found", state.shown, line,
                         ProblemLevel.WARNING)
        inside = []
        for match in matches:
            if not match.resolve().is_relative_to(self.root):
                self.problem(f"include {match} leaves the scanned tree; not followed",
                             state.shown, line, ProblemLevel.WARNING)
            elif match.is_file():
                inside.append(match)
        return inside

    def _expand(self, raw: _RawLine, path: str, line: int) -> tuple[str, list[VarUse]]:
        text = raw.text
        if "$${" not in text:
            return text, []
        out: list[str] = []
        uses: list[VarUse] = []
        position = 0
        while True:
            start = text.find("$${", position)
            end = _closing_brace(text, start + 2) if start >= 0 else -1
            if start < 0 or end < 0:
                out.append(text[position:])
                break
            out.append(text[position:start])
            name = text[start + 3:end]
            out.append(self._value_of(name, uses, path, line, raw.commented(start)))
            position = end + 1
        expanded = "".join(out)
        self.total += len(expanded)
        if len(expanded) > MAX_LINE or self.total > MAX_TOTAL:
            raise InputError("variable expansion grows beyond the size limit (expansion "
                             "bomb?)", path, line)
        return expanded, uses

    def _value_of(self, name: str, uses: list[VarUse], path: str, line: int,
                  in_comment: bool) -> str:
        variable = self.variables.get(name)
        if variable is None and name in RUNTIME_VARIABLES:
            variable = Variable(name, None, VarKind.RUNTIME)
        if variable is None and self.packaged_vars:
            variable = Variable(name, None, VarKind.PACKAGED)
            if not self.warned_packaged:
                self.warned_packaged = True
                self.problem(f"$${{{name}}} and other variables come from the packaged "
                             "vars.xml, which is not in the scanned tree: values using them "
                             "are unknown", path, line, ProblemLevel.WARNING)
        if variable is None:
            uses.append(VarUse(name, None, None, known=True))
            if name not in self.warned_empty and not in_comment:
                self.warned_empty.add(name)
                self.problem(f"$${{{name}}} is not set before its first use: FreeSWITCH "
                             "expands it to an empty string", path, line, ProblemLevel.WARNING)
            return ""
        uses.append(VarUse(name, variable.path, variable.line, variable.value is not None))
        return unknown_marker(name) if variable.value is None else variable.value


def _closing_brace(text: str, opening: int) -> int:
    depth = 0
    for index in range(opening, len(text)):
        if text[index] == "{":
            depth += 1
        elif text[index] == "}":
            depth -= 1
            if depth == 0:
                return index
    return -1


def _rebase(path: Path, root: Path) -> Path | None:
    """An absolute path of the live system, found inside the scanned copy of its tree.

    /etc/freeswitch/sip_profiles/*.xml scanned from ./conf is looked for as
    ./conf/etc/freeswitch/sip_profiles/*.xml, ./conf/freeswitch/sip_profiles/*.xml,
    ./conf/sip_profiles/*.xml: the first that matches files wins. Nothing outside the
    scanned tree is ever read.
    """
    normalised = os.path.normpath(path)
    if normalised == str(root) or normalised.startswith(str(root) + os.sep):
        return path
    parts = path.parts[1:]
    for start in range(len(parts)):
        candidate = root.joinpath(*parts[start:])
        if glob.glob(str(candidate)):
            return candidate
    return None


@dataclass(frozen=True)
class _RawLine:
    text: str
    comments: tuple[tuple[int, int], ...]  # spans of the line inside <!-- -->
    skip: bool  # inside a multi-line <!--# ... --> block

    def commented(self, position: int) -> bool:
        return any(start <= position < end for start, end in self.comments)


@dataclass
class _Multiline:
    """Comment state across lines: XML comments (for warnings) and open ``<!--#`` blocks."""

    in_comment: bool = False
    in_hash_block: bool = False

    def feed(self, text: str) -> _RawLine:
        if self.in_hash_block:
            end = text.find("-->")
            if end < 0:
                return _RawLine(text, (), True)
            self.in_hash_block = False
            text = " " * (end + 3) + text[end + 3:]
        spans: list[tuple[int, int]] = []
        position = 0
        while True:
            if self.in_comment:
                end = text.find("-->", position)
                spans.append((position, len(text) if end < 0 else end))
                if end < 0:
                    break
                self.in_comment = False
                position = end + 3
                continue
            begin = text.find("<!--", position)
            if begin < 0:
                break
            if text.startswith("<!--#", begin):
                close = text.find("-->", begin)
                if close < 0:
                    self.in_hash_block = True
                    break
                position = close + 3
                continue
            self.in_comment = True
            position = begin + 4
        return _RawLine(text, tuple(spans), False)


STOCK_SECTIONS = """  <section name="configuration">
    <X-PRE-PROCESS cmd="include" data="autoload_configs/*.xml"/>
    <X-PRE-PROCESS cmd="include" data="*.conf.xml"/>
  </section>
  <section name="dialplan">
    <X-PRE-PROCESS cmd="include" data="dialplan/*.xml"/>
  </section>
  <section name="directory">
    <X-PRE-PROCESS cmd="include" data="directory/*.xml"/>
  </section>
"""
STOCK_ROOT = f"""<document type="freeswitch/xml">
  <X-PRE-PROCESS cmd="include" data="vars.xml"/>
{STOCK_SECTIONS}</document>
"""
OVERLAY_ROOT = f"""<document type="freeswitch/xml">
{STOCK_SECTIONS}</document>
"""


def load_config(target: Path) -> ConfigDocument:
    """Read a FreeSWITCH conf directory (or its freeswitch.xml) into one tree.

    Without freeswitch.xml the stock layout is assumed (vars.xml, autoload_configs/,
    dialplan/, directory/); without vars.xml as well, the tree is taken as an overlay of the
    packaged configuration, whose variables are unknown. Sofia profiles that no sofia.conf.xml
    loads are found and judged with a warning. Raises InputError only when the top file
    cannot be read.
    """
    conf_dir = target if target.is_dir() else target.parent
    top = target if target.is_file() else conf_dir / "freeswitch.xml"
    pre = Preprocessor(conf_dir, str(conf_dir))
    if top.is_file():
        nodes = pre.load(top)
    elif (conf_dir / "vars.xml").is_file():
        pre.problem("no freeswitch.xml: read with the stock layout (vars.xml, "
                    "autoload_configs/, dialplan/, directory/)", str(conf_dir),
                    level=ProblemLevel.WARNING)
        nodes = pre.load(top, STOCK_ROOT)
    else:
        pre.problem("no freeswitch.xml or vars.xml: read as an overlay of the packaged "
                    "configuration (autoload_configs/, dialplan/, directory/, sip_profiles/)",
                    str(conf_dir), level=ProblemLevel.WARNING)
        pre.packaged_vars = True
        nodes = pre.load(top, OVERLAY_ROOT)
    if not top.is_file():
        flat = sorted(p.name for p in conf_dir.glob("*.conf.xml"))
        if flat:
            pre.problem(f"{', '.join(flat)} read as if in autoload_configs/", str(conf_dir),
                        level=ProblemLevel.WARNING)
    document = next((n for n in nodes if n.tag == "document"), None)
    if document is None:
        document = _sections_only(nodes, pre, pre.shown(top))
    loose = loose_profiles(document, conf_dir, pre)
    return ConfigDocument(document, dict(pre.variables), tuple(pre.files), tuple(pre.problems),
                          loose)


def _sections_only(nodes: tuple[Node, ...], pre: Preprocessor, shown: str) -> Node:
    """The top file rooted in ``<include>`` (an old layout, conf/insideout): the pre-processor
    drops that line, which leaves several ``<section>`` elements at the top. FreeSWITCH's
    parser refuses that; their content is judged as if it were inside ``<document>``."""
    sections = tuple(n for n in nodes if n.tag == "section")
    if not sections:
        raise InputError("no <document> element: not a FreeSWITCH configuration", shown)
    pre.problem("no <document> element: the top file holds bare <section> elements (its "
                "<include> lines are dropped by the pre-processor), which FreeSWITCH refuses "
                "to load ('markup outside of root element'); judged as if inside "
                '<document type="freeswitch/xml">', shown, sections[0].line,
                ProblemLevel.WARNING)
    return Node("document", (("type", "freeswitch/xml"),), shown, sections[0].line, sections)


def _sofia_profiles(document: Node) -> list[Node]:
    section = document.find("section", name="configuration")
    conf = section.find("configuration", name="sofia.conf") if section is not None else None
    container = conf.child("profiles") if conf is not None else None
    return list(container.children_named("profile")) if container is not None else []


def loose_profiles(document: Node, conf_dir: Path, pre: Preprocessor) -> tuple[Node, ...]:
    """Sofia profiles judged although no sofia.conf.xml loads them (none when it does):
    ``<profile>`` elements left right under sofia.conf (mod_sofia reads only those inside
    ``<profiles>``), and profile files nothing included: sip_profiles/*.xml, which the
    packaged sofia.conf.xml includes, or any file of the tree holding a profile."""
    if _sofia_profiles(document):
        return ()
    section = document.find("section", name="configuration")
    conf = section.find("configuration", name="sofia.conf") if section is not None else None
    found = list(conf.children_named("profile")) if conf is not None else []
    if found:
        pre.problem("sofia.conf has <profile> elements outside <profiles>, which mod_sofia does "
                    "not load: judged as if they were loaded", found[0].path, found[0].line,
                    ProblemLevel.WARNING)
        return tuple(found)
    files = []
    for path in profile_files(conf_dir, pre.read):
        try:
            nodes = pre.load(path)
        except InputError as error:
            pre.problems.append(Problem.from_error(error))
            continue
        profiles = [n for n in nodes if n.tag == "profile" and n.child("settings") is not None]
        if profiles:
            found += profiles
            files.append(pre.shown(path))
    if found:
        why = "sofia.conf.xml not found" if conf is None else "sofia.conf.xml loads no profile"
        pre.problem(f"{why}: Sofia profiles read from {', '.join(files)} and judged as if "
                    "loaded", str(conf_dir), level=ProblemLevel.WARNING)
    return tuple(found)

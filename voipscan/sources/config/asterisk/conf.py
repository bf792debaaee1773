"""The Asterisk .conf dialect, read the way Asterisk's config loader reads it.

Sections ``[name]`` with options ``(!)`` (template), ``(tpl1,tpl2)`` (inherit, in order),
``(+)`` (continue an earlier section); ``key = value``, ``key => value`` and ``key += more``
(appends to the last value of that key); ``;`` comments with ``\\;`` escapes and ``;-- --;``
blocks; ``#include`` / ``#tryinclude`` with globs, resolved against the including file and
then the tree root. Several sections may share a name (pjsip keeps one object per
(name, type)). Every value keeps the file and line it came from.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace

from voipscan.errors import Problem, ProblemLevel
from voipscan.facts import Provenance
from voipscan.sources.config.asterisk.tree import ConfigTree, TreeError

MAX_INCLUDE_DEPTH = 32
MAX_FILES_PER_CONFIG = 20_000
# Inheritance copies a template's settings into each section: without a bound, a small file
# ([t](!) with many settings, then many [x](t)) multiplies into gigabytes.
MAX_INHERITED_SETTINGS = 2_000_000
CONFIG_DIR = "/etc/asterisk/"


@dataclass(frozen=True)
class Setting:
    key: str
    value: str
    path: str
    line: int
    section: str

    def source(self, detail: str = "") -> Provenance:
        return Provenance.file(self.path, self.line, detail or f"[{self.section}] {self.key}")


@dataclass(frozen=True)
class Gap:
    """An ``#include`` whose file is not in the evidence: what it sets is not known."""

    target: str
    path: str
    line: int

    def source(self) -> Provenance:
        return Provenance.file(self.path, self.line, f"#include {self.target} (missing)")

    def note(self, key: str) -> str:
        return f"{key} may be set in {self.target}, which is missing ({self.path}:{self.line})"


@dataclass
class Section:
    name: str
    path: str
    line: int
    template: bool = False
    parents: tuple[str, ...] = ()
    settings: list[Setting] = field(default_factory=list)
    _last: dict[str, Setting] | None = field(default=None, repr=False, compare=False)
    gaps: list[Gap] = field(default_factory=list)

    def changed(self) -> None:
        """Forget the lookup index after the parser modified the settings."""
        self._last = None

    def get(self, key: str) -> Setting | None:
        """The value in force: the last one set (inherited values come first)."""
        if self._last is None:
            self._last = {s.key.lower(): s for s in self.settings}
        return self._last.get(key.lower())

    def unset_by(self, key: str) -> Gap | None:
        """The missing include that may set ``key`` here. A value the section sets itself
        stands (a missing file is taken to add what is left unset, not to undo it)."""
        if not self.gaps or self.get(key) is not None:
            return None
        return self.gaps[0]

    def value(self, key: str, default: str | None = None) -> str | None:
        setting = self.get(key)
        return setting.value if setting is not None else default

    def all(self, key: str) -> list[Setting]:
        wanted = key.lower()
        return [s for s in self.settings if s.key.lower() == wanted]

    @property
    def type(self) -> str | None:
        value = self.value("type")
        return value.strip().lower() if value is not None else None

    def source(self, detail: str = "") -> Provenance:
        return Provenance.file(self.path, self.line, detail or f"[{self.name}]")


@dataclass
class ConfFile:
    """One configuration (a root file and everything it includes)."""

    name: str
    root: str
    root_display: str = ""
    sections: list[Section] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    by_name: dict[str, list[Section]] = field(default_factory=dict, repr=False)
    last_template: dict[str, Section] = field(default_factory=dict, repr=False)
    gaps: list[Gap] = field(default_factory=list)
    """Missing ``#include`` files: sections they would define are not in ``sections``."""

    def add(self, section: Section) -> None:
        self.sections.append(section)
        self.by_name.setdefault(section.name, []).append(section)
        if section.template:
            self.last_template[section.name] = section

    @property
    def complete(self) -> bool:
        """False when some part could not be read: facts from it may be missing. A missing
        include leaves the file complete: what it would set is marked by its ``Gap``."""
        missing = {(g.path, g.line) for g in self.gaps}
        return not any(p.level is ProblemLevel.ERROR and (p.path, p.line) not in missing
                       for p in self.problems)

    def settings_of(self, name: str, kind: str | None = None) -> Section | None:
        """``section(name)``; when it is absent but a missing include may define it, an
        empty stand-in whose every setting is unknown (not the platform default)."""
        found = self.section(name, kind)
        if found is not None or not self.gaps:
            return found
        gap = self.gaps[0]
        return Section(name, gap.path, gap.line, gaps=[gap])

    def may_define(self, key: str, section: Section | None) -> Gap | None:
        """The missing include that may set ``key`` in ``section`` (or define the section
        when it is absent), if any."""
        if section is None:
            return self.gaps[0] if self.gaps else None
        return section.unset_by(key)

    def objects(self, kind: str | None = None) -> Iterator[Section]:
        """Sections that are real objects (not templates), optionally of one type=."""
        for section in self.sections:
            if section.template:
                continue
            if kind is None or section.type == kind:
                yield section

    def section(self, name: str, kind: str | None = None) -> Section | None:
        for section in self.by_name.get(name, ()):
            if not section.template and (
                kind is None or section.type == kind
            ):
                return section
        return None


@dataclass
class _State:
    conf: ConfFile
    tree: ConfigTree
    current: Section | None = None
    stack: list[str] = field(default_factory=list)
    implicit: str | None = None
    inherited: int = 0


def load_conf(tree: ConfigTree, roots: Sequence[str], name: str | None = None,
              implicit_section: str | None = None) -> ConfFile:
    """Parse one configuration made of one or more root files (usually one).

    ``implicit_section`` names the section that settings before any header belong to: for
    fragments normally included inside a section (FreePBX's sip_general_additional.conf).
    """
    root = roots[0] if roots else ""
    conf = ConfFile(name or root, root, tree.display(root) if root else "")
    state = _State(conf, tree, implicit=implicit_section)
    for root in roots:
        state.current = None
        _parse_file(state, root, include_line=None, including=None)
    return conf


def _problem(state: _State, rel: str | None, line: int | None, message: str,
             level: ProblemLevel = ProblemLevel.ERROR) -> None:
    path = state.tree.display(rel) if rel is not None else None
    state.conf.problems.append(Problem(message, path, line, level))


def decode(raw: bytes) -> tuple[str, str | None]:
    """Text of a config file, and a warning when it was not UTF-8 (read as Latin-1)."""
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return raw.decode("latin-1"), f"not valid UTF-8 (first at line {line}); read as Latin-1"


def _parse_file(state: _State, rel: str, include_line: int | None, including: str | None
                ) -> None:
    if len(state.conf.files) >= MAX_FILES_PER_CONFIG:
        _problem(state, including, include_line,
                 f"more than {MAX_FILES_PER_CONFIG} included files; stopped including")
        return
    try:
        raw = state.tree.read_bytes(rel)
    except TreeError as error:
        _problem(state, rel, None, str(error))
        return
    if b"\x00" in raw[:8192]:
        _problem(state, rel, None, "binary file, expected Asterisk configuration text")
        return
    text, warning = decode(raw)
    if warning:
        _problem(state, rel, None, warning, ProblemLevel.WARNING)
    state.conf.files.append(rel)
    state.stack.append(rel)
    try:
        _parse_lines(state, rel, text)
    finally:
        state.stack.pop()


def _parse_lines(state: _State, rel: str, text: str) -> None:
    display = state.tree.display(rel)
    depth = 0
    for number, raw_line in enumerate(text.splitlines(), start=1):
        line, depth = strip_comment(raw_line, depth)
        line = line.strip()
        if not line:
            continue
        if line[0] == "[":
            _header(state, rel, display, number, line)
        elif line[0] == "#":
            _directive(state, rel, number, line)
        else:
            _assignment(state, rel, display, number, line)


def strip_comment(line: str, depth: int) -> tuple[str, int]:
    """Remove comments as Asterisk's config.c does: ``;`` starts a comment (``\\;`` is a
    literal ``;``); ``;--`` not followed by another ``-`` opens a block comment (nested),
    ``--;`` closes one. A rule line such as ``;-----`` is an ordinary comment."""
    if not depth and ";" not in line:
        return line, 0
    kept: list[str] = []
    start: int | None = 0 if not depth else None  # where the current code segment began
    position = 0
    while (index := line.find(";", position)) >= 0:
        if index and line[index - 1] == "\\":
            if start is not None:
                kept.append(line[start:index - 1])
                start = index
            position = index + 1
        elif line.startswith("--", index + 1) and not line.startswith("-", index + 3):
            if start is not None:
                kept.append(line[start:index])
                start = None
            depth += 1
            position = index + 3
        elif depth and index - 2 >= position and line[index - 2:index] == "--":
            depth -= 1
            position = index + 1
            if not depth:
                start = position
        elif depth:
            position = index + 1
        else:
            if start is not None:
                kept.append(line[start:index])
            return "".join(kept), 0
    if start is not None:
        kept.append(line[start:])
    return "".join(kept), depth


def _header(state: _State, rel: str, display: str, number: int, line: str) -> None:
    close = line.find("]")
    if close < 0:
        _problem(state, rel, number, "section header without ']'")
        state.current = None
        return
    name = line[1:close].strip()
    rest = line[close + 1:].strip()
    options: list[str] = []
    if rest:
        if rest.startswith("(") and rest.endswith(")"):
            options = [o.strip() for o in rest[1:-1].split(",") if o.strip()]
        else:
            _problem(state, rel, number, f"unexpected text after section [{name}]",
                     ProblemLevel.WARNING)
    if "+" in options:
        earlier = next(reversed(state.conf.by_name.get(name, [])), None)
        if earlier is not None:
            state.current = earlier
            return
        _problem(state, rel, number, f"[{name}](+) continues a section that does not exist",
                 ProblemLevel.WARNING)
    parents = tuple(o for o in options if o not in ("!", "+"))
    section = Section(name, display, number, template="!" in options, parents=parents)
    for parent_name in parents:
        parent = _find_parent(state.conf, parent_name)
        if parent is None:
            _problem(state, rel, number,
                     f"[{name}] inherits from [{parent_name}], which is not defined before it")
            continue
        if state.inherited + len(parent.settings) > MAX_INHERITED_SETTINGS:
            if state.inherited <= MAX_INHERITED_SETTINGS:  # said once per configuration
                _problem(state, rel, number, f"[{name}] inherits from [{parent_name}]: more "
                         f"than {MAX_INHERITED_SETTINGS} inherited settings in this "
                         "configuration; inheritance not followed from here on")
                state.inherited = MAX_INHERITED_SETTINGS + 1
            continue
        state.inherited += len(parent.settings)
        section.settings.extend(parent.settings)
        section.gaps.extend(parent.gaps)
        section.changed()
    state.conf.add(section)
    state.current = section


def _find_parent(conf: ConfFile, name: str) -> Section | None:
    """The last template of that name, else the last section of that name (O(1))."""
    candidates = conf.by_name.get(name)
    return conf.last_template.get(name) or (candidates[-1] if candidates else None)


def _assignment(state: _State, rel: str, display: str, number: int, line: str) -> None:
    if state.current is None and state.implicit is not None:
        state.current = state.conf.section(state.implicit)
        if state.current is None:
            state.current = Section(state.implicit, display, number)
            state.conf.add(state.current)
    if state.current is None:
        _problem(state, rel, number, "setting outside any [section]; ignored")
        return
    equals = line.find("=")
    if equals <= 0:
        _problem(state, rel, number, "no '=' in line; ignored", ProblemLevel.WARNING)
        return
    section = state.current
    if line[equals - 1] == "+":
        key = line[: equals - 1].strip()
        addition = line[equals + 1:]
        for index in range(len(section.settings) - 1, -1, -1):
            old = section.settings[index]
            if old.key == key:
                section.settings[index] = replace(
                    old, value=(old.value + addition).strip(), path=display, line=number,
                    section=section.name)
                section.changed()
                return
        value = addition.strip()
    else:
        key = line[:equals].strip()
        value = line[equals + 1:]
        if value.startswith(">"):
            value = value[1:]
        value = value.strip()
    if not key:
        _problem(state, rel, number, "no setting name before '='", ProblemLevel.WARNING)
        return
    section.settings.append(Setting(key, value, display, number, section.name))
    section.changed()


def _directive(state: _State, rel: str, number: int, line: str) -> None:
    word, _, argument = line[1:].partition(" ")
    if "\t" in word:
        word, _, tail = word.partition("\t")
        argument = f"{tail} {argument}"
    word = word.strip().lower()
    target = argument.strip().strip('"').strip("<>").strip()
    if word == "exec":
        _problem(state, rel, number, "#exec runs a program at load time; its output was not "
                 "scanned", ProblemLevel.WARNING)
        return
    if word not in ("include", "tryinclude"):
        _problem(state, rel, number, f"unknown directive #{word}", ProblemLevel.WARNING)
        return
    if not target:
        _problem(state, rel, number, f"#{word} without a file name")
        return
    optional = word == "tryinclude"
    resolved = resolve_include(state.tree, rel, target)
    if isinstance(resolved, str):
        _problem(state, rel, number, f"#{word} {target}: {resolved}",
                 ProblemLevel.WARNING if optional else ProblemLevel.ERROR)
        return
    if not resolved:
        if not optional:
            _missing(state, rel, number, target)
        return
    if len(state.stack) >= MAX_INCLUDE_DEPTH:
        _problem(state, rel, number, f"#{word} {target}: includes nested deeper than "
                 f"{MAX_INCLUDE_DEPTH}; stopped")
        return
    current = state.current
    for child in resolved:
        if child in state.stack:
            chain = " -> ".join([*state.stack[state.stack.index(child):], child])
            _problem(state, rel, number, f"include cycle stopped: {chain}")
            continue
        _parse_file(state, child, number, rel)
    # Like Asterisk, the including file goes on in its own section after the include.
    state.current = current


def _missing(state: _State, rel: str, number: int, target: str) -> None:
    """Report a missing include once; what it would set becomes unknown, nothing else."""
    display = state.tree.display(rel)
    _problem(state, rel, number, f"#include {target}: no such file; what it would set is "
             "not known")
    gap = Gap(target, display, number)
    state.conf.gaps.append(gap)
    if state.current is not None:
        state.current.gaps.append(gap)


def resolve_include(tree: ConfigTree, including: str, target: str) -> list[str] | str:
    """Tree paths an include names (globs expanded), or why it cannot be followed."""
    if target.startswith("/"):
        if not target.startswith(CONFIG_DIR):
            return "outside the scanned tree; not followed"
        candidates = [target[len(CONFIG_DIR):]]
    else:
        base = posixpath.dirname(including)
        candidates = [posixpath.join(base, target)] if base else []
        candidates.append(target)
    normalised = []
    for candidate in candidates:
        path = posixpath.normpath(candidate)
        if path == ".." or path.startswith("../"):
            return "outside the scanned tree; not followed"
        normalised.append(path)
    for path in dict.fromkeys(normalised):
        if any(c in path for c in "*?["):
            matches = tree.glob(path)
            if matches:
                return matches
        elif tree.exists(path):
            return [path]
    return []

"""kamailio.cfg read like Kamailio does: pre-processor, includes, comments, statements.

Handled: ``#!define``/``#!trydef``/``#!redefine``/``#!undef`` (also ``!!`` spelling), ``#!ifdef``/
``#!ifndef``/``#!else``/``#!endif``, ``#!substdef`` (as a define), ``#!defenv`` (value unknown),
``include_file``/``import_file`` (relative to the including file, then to the main file; an
absolute path of the live system is looked up inside the scanned tree), ``#``/``//`` line
comments and ``/* */`` blocks. Names tested by ``#!ifdef`` but never defined in the files
are switched off, as when Kamailio runs without ``-A NAME``; they are reported once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from voipscan.errors import InputError, Problem, ProblemLevel
from voipscan.textfile import read_text

MAX_DEPTH = 20
UNKNOWN = "\ue000"  # stands for a value only known when Kamailio starts (#!defenv)
_DIRECTIVE = re.compile(r"^\s*(?:#!|!!)\s*([A-Za-z_]+)\b\s*(.*)$")
# Written so that no two \s* can share a run of blanks (that backtracks quadratically).
_INCLUDE = re.compile(
    r'^\s*(?:(?:#!|!!)\s*)?(include_file|import_file)\s+"([^"]+)"\s*(?:;\s*)?$')
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_COMMENT_OR_QUOTE = re.compile(r"[\"'#]|//|/\*")
# Quoted strings "unrolled" ([^"\\]*(?:\\.[^"\\]*)*, the same language as (?:[^"\\]|\\.)*):
# the latter makes Python's re keep ~150 bytes of backtracking state per character.
_STRING = {quote: re.compile(rf"{quote}[^{quote}\\]*(?:\\.[^{quote}\\]*)*{quote}", re.DOTALL)
           for quote in "\"'"}
_MODE_LINES = frozenset({"kamailio", "ser", "maxcompat", "all", "openser", "sip_router"})
_BLOCK_START = re.compile(
    r"^\s*(request_route|reply_route|route|onreply_route|failure_route|branch_route|"
    r"onsend_route|event_route)\b\s*(\[[^\]]*\])?\s*\{?")


@dataclass(frozen=True)
class Line:
    """One line of config after the pre-processor: comments gone, defines replaced."""

    text: str
    path: str
    number: int


@dataclass(frozen=True)
class Statement:
    """A top-level statement (may span lines, e.g. a modparam with a long value)."""

    text: str
    path: str
    line: int


@dataclass(frozen=True)
class Block:
    """A routing block: its header (``event_route[xhttp:request]``) and its body text."""

    name: str
    body: str
    path: str
    line: int
    lines: tuple[int, ...] = ()
    """The file line of each line of ``body`` (comments and blank lines are not in it)."""

    def line_of(self, offset: int) -> int:
        """The file line holding the character at ``offset`` of ``body``."""
        index = self.body.count("\n", 0, offset)
        return self.lines[index] if index < len(self.lines) else self.line


@dataclass(frozen=True)
class Define:
    name: str
    value: str | None
    path: str
    line: int


@dataclass(frozen=True)
class KamailioConfig:
    statements: tuple[Statement, ...]
    blocks: tuple[Block, ...]
    defines: dict[str, Define]
    switches_off: tuple[str, ...]
    files: tuple[str, ...]
    problems: tuple[Problem, ...]


@dataclass
class _State:
    defines: dict[str, Define] = field(default_factory=dict)
    tested: dict[str, tuple[str, int]] = field(default_factory=dict)
    lines: list[Line] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    stack: list[Path] = field(default_factory=list)


class _Reader:
    def __init__(self, root: Path, shown_root: str, main_dir: Path) -> None:
        self.root = root.resolve()
        self.shown_root = shown_root
        self.main_dir = main_dir
        self.state = _State()

    def shown(self, path: Path) -> str:
        try:
            return str(Path(self.shown_root) / path.resolve().relative_to(self.root))
        except ValueError:
            return str(path)

    def warn(self, message: str, path: str, line: int | None) -> None:
        self.state.problems.append(Problem(message, path, line, ProblemLevel.WARNING))

    def read(self, path: Path) -> None:
        shown = self.shown(path)
        text = read_text(path)
        self.state.files.append(shown)
        self.state.stack.append(path.resolve())
        try:
            self._lines(text, path, shown)
        finally:
            self.state.stack.pop()

    def _lines(self, text: str, path: Path, shown: str) -> None:
        active: list[bool] = []
        in_comment = False
        raw_lines = text.split("\n")
        index = 0
        while index < len(raw_lines):
            number, raw = index + 1, raw_lines[index]
            index += 1
            if in_comment:
                end = raw.find("*/")
                if end < 0:
                    continue
                raw = " " * (end + 2) + raw[end + 2:]
                in_comment = False
            directive = _DIRECTIVE.match(raw)
            include = _INCLUDE.match(raw)
            if directive and not include:
                pieces = [raw]  # joined once: continued lines stay linear in their length
                while pieces[-1].rstrip().endswith("\\") and index < len(raw_lines):
                    pieces[-1] = pieces[-1].rstrip()[:-1]
                    pieces.append(raw_lines[index])
                    index += 1
                raw = " ".join(pieces)
                self._directive(directive.group(1).lower(), _DIRECTIVE.match(raw), active,
                                shown, number)
                continue
            if not all(active):
                continue
            if include:
                self._include(include.group(1), include.group(2), path, shown, number)
                continue
            code, in_comment = _strip_comments(raw)
            if code.strip():
                self.state.lines.append(Line(self._substitute(code), shown, number))

    def _directive(self, name: str, match: re.Match[str] | None, active: list[bool],
                   shown: str, number: int) -> None:
        args = (match.group(2) if match else "").strip()
        word = args.split()[0] if args.split() else ""
        if name in ("ifdef", "ifndef"):
            if word not in self.state.defines:
                self.state.tested.setdefault(word, (shown, number))
            defined = word in self.state.defines
            active.append(defined if name == "ifdef" else not defined)
        elif name == "else":
            if active:
                active[-1] = not active[-1]
        elif name == "endif":
            if active:
                active.pop()
            else:
                self.warn("#!endif without #!ifdef", shown, number)
        elif not all(active):
            return
        elif name in ("define", "trydef", "redefine", "substdef", "substdefs"):
            self._define(name, args, shown, number)
        elif name in ("defenv", "defenvs", "trydefenv"):
            key = args.split("=", 1)[0].strip()
            if key and not (name == "trydefenv" and key in self.state.defines):
                self.state.defines[key] = Define(key, UNKNOWN, shown, number)
        elif name == "undef":
            self.state.defines.pop(word, None)
        elif name not in _MODE_LINES and name not in ("subst", "ifexp"):
            self.warn(f"unknown pre-processor directive #!{name} ignored", shown, number)
        elif name in ("subst", "ifexp"):
            self.warn(f"#!{name} is not evaluated: values it changes are not checked", shown,
                      number)

    def _define(self, name: str, args: str, shown: str, number: int) -> None:
        if name.startswith("substdef"):
            parts = _split_subst(args)
            if parts is None:
                self.warn("#!substdef not understood", shown, number)
                return
            key, value = parts
        else:
            pieces = args.split(None, 1)
            if not pieces:
                self.warn(f"#!{name} without a name", shown, number)
                return
            key, value = pieces[0], pieces[1].strip() if len(pieces) > 1 else ""
        if name == "trydef" and key in self.state.defines:
            return
        self.state.defines[key] = Define(key, self._substitute(value) if value else None,
                                         shown, number)

    def _substitute(self, code: str) -> str:
        """Replace defined names outside string literals, as Kamailio's lexer does."""
        if not self.state.defines:
            return code
        parts = re.split(r'("[^"\\]*(?:\\.[^"\\]*)*")', code)
        for index in range(0, len(parts), 2):
            parts[index] = _IDENTIFIER.sub(self._replace, parts[index])
        return "".join(parts)

    def _replace(self, match: re.Match[str]) -> str:
        define = self.state.defines.get(match.group(0))
        if define is None or define.value is None:
            return match.group(0)
        return define.value

    def _include(self, kind: str, name: str, path: Path, shown: str, number: int) -> None:
        target = self._locate(name, path)
        optional = kind == "import_file"
        if target is None:
            if not optional:
                self.state.problems.append(Problem(f"include_file {name} not found", shown,
                                                   number))
            return
        if target.resolve() in self.state.stack:
            chain = " -> ".join(p.name for p in [*self.state.stack, target.resolve()])
            self.state.problems.append(Problem(f"include cycle ({chain}); not followed",
                                               shown, number))
            return
        if len(self.state.stack) > MAX_DEPTH:
            self.state.problems.append(Problem(f"includes nested deeper than {MAX_DEPTH}",
                                               shown, number))
            return
        try:
            self.read(target)
        except InputError as error:
            self.state.problems.append(Problem.from_error(error))

    def _locate(self, name: str, including: Path) -> Path | None:
        path = Path(name)
        if path.is_absolute():
            found = locate_in_tree(path, self.root)
            return found if found is not None and is_file(found) else None
        for base in (including.parent, self.main_dir):
            candidate = base / path
            if is_file(candidate) and candidate.resolve().is_relative_to(self.root):
                return candidate
        return None


def locate_in_tree(path: Path, root: Path) -> Path | None:
    """An absolute path of the live system inside the scanned copy of its tree.

    /etc/kamailio/tls.cfg scanned from ./conf is looked for as ./conf/etc/kamailio/tls.cfg,
    ./conf/kamailio/tls.cfg, then ./conf/tls.cfg.
    """
    root = root.resolve()
    if path.resolve().is_relative_to(root):
        return path
    parts = path.parts[1:]
    for start in range(len(parts)):
        candidate = root.joinpath(*parts[start:])
        if _exists(candidate):
            return candidate
    return None


# Path.exists() and is_file(), but False where the OS refuses the name (too long:
# ENAMETOOLONG), which pathlib raises: these names come from the config being scanned.
def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:
        return False


def is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:
        return False


def _split_subst(args: str) -> tuple[str, str] | None:
    text = args.strip().strip('"')
    if len(text) < 3:
        return None
    delimiter = text[0]
    pieces = text[1:].split(delimiter)
    if len(pieces) < 2 or not pieces[0]:
        return None
    return pieces[0], pieces[1]


def _strip_comments(raw: str) -> tuple[str, bool]:
    """Code without comments; and whether a ``/*`` block stays open past this line.

    Jumps from one quote or comment start to the next (regex search), so a long line costs
    no Python work per character."""
    out: list[str] = []
    index = 0
    while (match := _COMMENT_OR_QUOTE.search(raw, index)) is not None:
        out.append(raw[index:match.start()])
        token = match.group()
        if token in ("#", "//"):
            return "".join(out), False
        if token == "/*":
            end = raw.find("*/", match.end())
            if end < 0:
                return "".join(out), True
            index = end + 2
            continue
        string = _STRING[token].match(raw, match.start())  # an unclosed string runs to the end
        index = string.end() if string is not None else len(raw)
        out.append(raw[match.start():index])
    out.append(raw[index:])
    return "".join(out), False


def _group(lines: list[Line]) -> tuple[list[Statement], list[Block]]:
    """Split lines into top-level statements and routing blocks (by brace depth)."""
    statements: list[Statement] = []
    blocks: list[Block] = []
    depth = 0
    pending: list[Line] = []
    open_parens = 0  # of the pending lines: kept as a sum so long statements stay linear
    block: list[Line] = []
    block_braced = False
    for line in lines:
        code = re.sub(r'"[^"\\]*(?:\\.[^"\\]*)*"', '""', line.text)
        if depth == 0 and not block and _BLOCK_START.match(line.text):
            block = [line]
            block_braced = "{" in line.text
        elif block:
            block.append(line)
            block_braced = block_braced or "{" in line.text
        else:
            pending.append(line)
            open_parens += line.text.count("(") - line.text.count(")")
            if open_parens <= 0:
                joined = " ".join(p.text.strip() for p in pending)
                statements.append(Statement(joined, pending[0].path, pending[0].number))
                pending, open_parens = [], 0
        depth += code.count("{") - code.count("}")
        if block and depth <= 0 and block_braced:
            header = _BLOCK_START.match(block[0].text)
            name = (header.group(1) + (header.group(2) or "")) if header else "route"
            blocks.append(Block(name, "\n".join(b.text for b in block), block[0].path,
                                block[0].number, tuple(b.number for b in block)))
            block, depth, block_braced = [], 0, False
    if pending:
        statements.append(Statement(" ".join(p.text.strip() for p in pending),
                                    pending[0].path, pending[0].number))
    return statements, blocks


def read_config(main: Path, root: Path, shown_root: str) -> KamailioConfig:
    """Read kamailio.cfg and its includes. Raises InputError if the main file is unreadable."""
    reader = _Reader(root, shown_root, main.parent)
    reader.read(main)
    state = reader.state
    statements, blocks = _group(state.lines)
    never_defined = tuple(n for n in state.tested if n and n not in state.defines)
    return KamailioConfig(tuple(statements), tuple(blocks), dict(state.defines), never_defined,
                          tuple(state.files), tuple(state.problems))

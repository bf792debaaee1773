"""A FusionPBX database from a ``pg_dump`` plain SQL file (optionally gzip-compressed).

The file is read as a stream, line by line: ``COPY ... FROM stdin`` blocks (pg_dump's
default) and ``INSERT`` statements (``--inserts``, ``--column-inserts``), with the column
order from ``CREATE TABLE`` when an INSERT names none. Only the tables of ``schema.TABLES``
are kept, and of them only the columns voipscan reads: secrets are reduced to facts about
them row by row. A row that cannot be read is reported and the rest is still read.
"""

from __future__ import annotations

import gzip
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from voipscan.errors import InputError, Problem, ProblemLevel
from voipscan.facts import Provenance
from voipscan.sources.config.fusionpbx.schema import REQUIRED, TABLES, Row, Snapshot, make_row

HEADER = b"-- PostgreSQL database dump"
CUSTOM_FORMAT = b"PGDMP"
GZIP = b"\x1f\x8b"
_NAME = r'(?:"?[\w$]+"?\.)?"?([\w$]+)"?'
_COPY = re.compile(rf"COPY\s+{_NAME}\s*\(([^)]*)\)\s+FROM\s+stdin;", re.IGNORECASE)
_CREATE = re.compile(rf"CREATE\s+(?:UNLOGGED\s+)?TABLE\s+{_NAME}\s*\(\s*$", re.IGNORECASE)
_INSERT = re.compile(rf"INSERT\s+INTO\s+{_NAME}\s*(?:\(([^)]*)\))?\s*(?:OVERRIDING\s+\w+\s+"
                     r"VALUE\s+)?VALUES\s*", re.IGNORECASE)
_TOKEN = re.compile(r"""
    '[^']*(?:''[^']*)*'(?:::[\w\s."\[\]]+?(?=[,)]))?   # string, with an optional cast
  | NULL\b | TRUE\b | FALSE\b
  | [-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?
  | [(),;]
  | \s+
""", re.VERBOSE | re.IGNORECASE)
_COPY_ESCAPES = {"b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}
_COPY_ESCAPE = re.compile(r"\\(x[0-9A-Fa-f]{1,2}|[0-7]{1,3}|.)")


def open_text(path: Path) -> IO[str]:
    """The dump as text, decompressed when it is gzip."""
    with path.open("rb") as probe:
        magic = probe.read(len(GZIP))
    if magic == GZIP:
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8", errors="replace",
                                newline="\n")
    return path.open(encoding="utf-8", errors="replace", newline="\n")


def sniff(path: Path, size: int = 262_144) -> bytes:
    """The first bytes of a dump, decompressed; empty when it cannot be read."""
    try:
        with path.open("rb") as handle:
            head = handle.read(size)
        if head.startswith(GZIP):
            with gzip.open(path, "rb") as unpacked:
                return unpacked.read(size)
    except (OSError, EOFError, gzip.BadGzipFile):
        return b""
    return head


@dataclass
class _Reader:
    label: str
    rows: dict[str, list[Row]] = field(default_factory=dict)
    columns: dict[str, list[str]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def problem(self, line: int, message: str) -> None:
        self.problems.append(Problem(message, self.label, line, ProblemLevel.WARNING))

    def add(self, table: str, line: int, raw: dict[str, object]) -> None:
        spec = TABLES[table]
        self.rows[table].append(make_row(spec, raw, Provenance.file(self.label, line, table)))


def read_dump(path: Path) -> tuple[Snapshot, list[Problem]]:
    """The FusionPBX tables of a pg_dump plain SQL file, and what could not be read."""
    label = str(path)
    if sniff(path, len(CUSTOM_FORMAT)).startswith(CUSTOM_FORMAT):
        raise InputError("a pg_dump custom-format archive: turn it into SQL with "
                         "'pg_restore -f dump.sql FILE' and scan that", label)
    reader = _Reader(label)
    try:
        with open_text(path) as text:
            _read(reader, enumerate(text, start=1))
    except (OSError, EOFError, gzip.BadGzipFile) as error:
        raise InputError(f"cannot read the dump: {error}", label) from None
    missing = [t for t in REQUIRED if t not in reader.rows]
    if missing:
        raise InputError(f"not a FusionPBX database dump: no table {', '.join(missing)}", label)
    snapshot = Snapshot(label, {t: tuple(rows) for t, rows in reader.rows.items()})
    return snapshot, reader.problems


def _read(reader: _Reader, lines: Iterator[tuple[int, str]]) -> None:
    for number, line in lines:
        if line.startswith("--") or not line.strip():
            continue
        if (copy := _COPY.match(line)) is not None:
            _copy(reader, copy.group(1), copy.group(2), lines)
        elif (create := _CREATE.match(line)) is not None:
            _create(reader, create.group(1), lines)
        elif (insert := _INSERT.match(line)) is not None:
            statement = _statement(line, lines)
            _insert(reader, number, insert.group(1), insert.group(2), statement[insert.end():])


def _names(listed: str) -> list[str]:
    return [name.strip().strip('"') for name in listed.split(",")]


def _copy(reader: _Reader, table: str, listed: str, lines: Iterator[tuple[int, str]]) -> None:
    wanted = table in TABLES
    columns = _names(listed)
    if wanted:
        reader.rows.setdefault(table, [])
    number = 0
    for number, line in lines:
        line = line.rstrip("\n")
        if line == "\\.":
            return
        if not wanted:
            continue
        fields = line.split("\t")
        if len(fields) != len(columns):
            reader.problem(number, f"{table}: {len(fields)} values for {len(columns)} columns")
            continue
        reader.add(table, number, {c: _copy_value(v) for c, v in zip(columns, fields,
                                                                      strict=True)})
    reader.problem(number, f"{table}: COPY data not terminated by '\\.'")


def _copy_value(field_text: str) -> str | None:
    if field_text == "\\N":
        return None
    return _COPY_ESCAPE.sub(_unescape, field_text)


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1)
    if code[0] == "x" and len(code) > 1:
        return chr(int(code[1:], 16))
    if code[0] in "01234567":
        return chr(int(code, 8))
    return _COPY_ESCAPES.get(code, code)


def _create(reader: _Reader, table: str, lines: Iterator[tuple[int, str]]) -> None:
    columns: list[str] = []
    for _number, line in lines:
        text = line.strip()
        if text.startswith(")"):
            break
        first = text.split(None, 1)[0] if text else ""
        if first.upper() in ("CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN", "EXCLUDE"):
            continue
        if first:
            columns.append(first.strip('"'))
    reader.columns[table] = columns
    if table in TABLES:
        reader.rows.setdefault(table, [])


def _statement(first: str, lines: Iterator[tuple[int, str]]) -> str:
    """An INSERT to its closing ';': quotes balanced (pg_dump doubles quotes inside strings)."""
    parts = [first]
    quotes = first.count("'")
    while quotes % 2 or not parts[-1].rstrip().endswith(";"):
        nxt = next(lines, None)
        if nxt is None:
            break
        parts.append(nxt[1])
        quotes += nxt[1].count("'")
    return "".join(parts)


def _insert(reader: _Reader, line: int, table: str, listed: str | None, values: str) -> None:
    if table not in TABLES:
        return
    reader.rows.setdefault(table, [])
    columns = _names(listed) if listed else reader.columns.get(table, [])
    if not columns:
        reader.problem(line, f"INSERT INTO {table}: column names unknown (no CREATE TABLE)")
        return
    rows, error = _tuples(values)
    if error:
        reader.problem(line, f"INSERT INTO {table}: {error}")
    for row in rows:
        if len(row) != len(columns):
            reader.problem(line, f"INSERT INTO {table}: {len(row)} values for "
                           f"{len(columns)} columns")
            continue
        reader.add(table, line, dict(zip(columns, row, strict=True)))


def _tuples(text: str) -> tuple[list[list[object]], str]:
    rows: list[list[object]] = []
    current: list[object] | None = None
    position = 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:
            return rows, f"unexpected text at offset {position}"
        position = match.end()
        token = match.group(0)
        if token.isspace() or token == ",":
            continue
        if token == "(":
            current = []
        elif token == ")":
            if current is not None:
                rows.append(current)
            current = None
        elif token == ";":
            return rows, ""
        elif current is not None:
            current.append(_literal(token))
    return rows, "statement not terminated"


def _literal(token: str) -> object:
    if token.startswith("'"):
        body = token[1:token.rindex("'")]
        return body.replace("''", "'")
    upper = token.upper()
    if upper == "NULL":
        return None
    if upper in ("TRUE", "FALSE"):
        return upper == "TRUE"
    return token

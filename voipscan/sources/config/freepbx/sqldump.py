"""A small, tolerant reader for the INSERT statements of a mysqldump.

Only rows are needed (settings, users, devices), so CREATE TABLE gives the column names and
INSERT / REPLACE statements give the values. Anything else is skipped; a statement that
cannot be read is reported and the rest of the dump is still read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

_CREATE = re.compile(r"CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?`?([\w$]+)`?\s*\(",
                     re.IGNORECASE)
_INSERT = re.compile(r"(?:INSERT|REPLACE)\s+(?:LOW_PRIORITY\s+|DELAYED\s+|HIGH_PRIORITY\s+)?"
                     r"(?:IGNORE\s+)?INTO\s+`?([\w$]+)`?\s*(\(([^)]*)\))?\s*VALUES\s*",
                     re.IGNORECASE)
_TOKEN = re.compile(r"""
    '[^'\\]*(?:(?:\\.|'')[^'\\]*)*'  # string (unrolled: no backtracking state per char)
  | "[^"\\]*(?:(?:\\.|"")[^"\\]*)*"  # string in double quotes
  | NULL\b | TRUE\b | FALSE\b
  | 0x[0-9A-Fa-f]+
  | [-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?
  | [(),;]
  | \s+
""", re.VERBOSE | re.IGNORECASE)
_COLUMN = re.compile(r"^\s*`([^`]+)`", re.MULTILINE)
_PAREN = re.compile(r"[()]")
_ESCAPES = {"0": "\0", "b": "\b", "n": "\n", "r": "\r", "t": "\t", "Z": "\x1a"}

Row = dict[str, Any]


@dataclass
class SqlRow:
    values: Row
    line: int


@dataclass
class SqlDump:
    tables: dict[str, list[SqlRow]] = field(default_factory=dict)
    problems: list[tuple[int, str]] = field(default_factory=list)


def _unquote(token: str) -> str:
    quote = token[0]
    body = token[1:-1].replace(quote * 2, quote)
    out: list[str] = []
    i = 0
    while i < len(body):
        char = body[i]
        if char == "\\" and i + 1 < len(body):
            nxt = body[i + 1]
            out.append(_ESCAPES.get(nxt, nxt))
            i += 2
        else:
            out.append(char)
            i += 1
    return "".join(out)


def _value(token: str) -> Any:
    upper = token.upper()
    if token[0] in "'\"":
        return _unquote(token)
    if upper == "NULL":
        return None
    if upper in ("TRUE", "FALSE"):
        return upper == "TRUE"
    if upper.startswith("0X"):
        digits = token[2:]
        return bytes.fromhex(digits.zfill(len(digits) + len(digits) % 2)).decode("utf-8",
                                                                              "replace")
    if re.fullmatch(r"[-+]?\d+", token) and len(token) <= 4000:  # int() refuses > 4300 digits
        return int(token)  # exact: int(float(token)) rounds, and overflows past 1e308
    return float(token)


def _columns(text: str, start: int, stop: int) -> list[str]:
    # mysqldump ends every statement with ';' at the end of a line (newlines inside strings
    # are escaped), so an unclosed '(' is searched no further than its own statement (nor
    # past the next CREATE TABLE, ``stop``): reading the schema stays linear in the dump.
    end = text.find(";\n", start, stop)
    end = stop if end < 0 else end
    depth = 0
    for paren in _PAREN.finditer(text, start, end):
        depth += 1 if paren.group() == "(" else -1
        if depth == 0:
            return [m.group(1) for m in _COLUMN.finditer(text[start:paren.start()])]
    return []


def parse_dump(text: str, tables: frozenset[str] | None = None) -> SqlDump:
    """Rows of the wanted tables (all when ``tables`` is None)."""
    dump = SqlDump()
    schema: dict[str, list[str]] = {}
    creates = list(_CREATE.finditer(text))
    for index, create in enumerate(creates):
        stop = creates[index + 1].start() if index + 1 < len(creates) else len(text)
        schema[create.group(1)] = _columns(text, create.end() - 1, stop)
    position = 0
    counted, line = 0, 1  # lines are counted incrementally: linear in the dump's size
    while (match := _INSERT.search(text, position)) is not None:
        table = match.group(1)
        line += text.count("\n", counted, match.start())
        counted = match.start()
        listed = match.group(3)
        columns = ([c.strip().strip("`") for c in listed.split(",")] if listed
                   else schema.get(table, []))
        rows, position, error = _rows(text, match.end())
        if error:
            dump.problems.append((line, f"INSERT INTO {table}: {error}"))
        if tables is not None and table not in tables:
            continue
        if not columns:
            dump.problems.append((line, f"INSERT INTO {table}: column names unknown"))
            continue
        for values in rows:
            if len(values) != len(columns):
                dump.problems.append((line, f"INSERT INTO {table}: {len(values)} values for "
                                      f"{len(columns)} columns"))
                continue
            dump.tables.setdefault(table, []).append(SqlRow(dict(zip(columns, values,
                                                                     strict=True)), line))
    return dump


def _rows(text: str, start: int) -> tuple[list[list[Any]], int, str]:
    """Value tuples from ``start`` to the statement's ``;``; also where reading stopped."""
    rows: list[list[Any]] = []
    current: list[Any] | None = None
    position = start
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:
            end = text.find(";", position)
            return rows, (end + 1 if end >= 0 else len(text)), \
                f"unexpected text at offset {position}"
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
            return rows, position, "row not closed before ';'" if current is not None else ""
        elif current is not None:
            current.append(_value(token))
    return rows, position, "statement not terminated"

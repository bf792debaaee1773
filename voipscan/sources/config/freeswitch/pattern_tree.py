"""The structure of a regular expression, as the witness builder walks it.

Python has no public parser for its regex syntax, so this reads the syntax itself, after
``re.compile`` has accepted the pattern (invalid ones raise ``re.error`` there). The tree
has the shape of Python's own parse: a list of ``(op, value)`` nodes named as in ``re``'s
compiler (``LITERAL``, ``IN``, ``BRANCH``, ``SUBPATTERN``, ``MAX_REPEAT``...), with the
same simplifications (alternatives sharing a prefix, alternatives of single characters as
a set). Verbose patterns, conditionals and other rare syntax raise ``PatternUnsupported``.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

Node = tuple[str, Any]
UNBOUNDED = 4294967295
"""The upper bound of ``*``, ``+`` and ``{m,}``."""

_CATEGORIES = {"d": "CATEGORY_DIGIT", "D": "CATEGORY_NOT_DIGIT", "s": "CATEGORY_SPACE",
               "S": "CATEGORY_NOT_SPACE", "w": "CATEGORY_WORD", "W": "CATEGORY_NOT_WORD"}
_ANCHORS = {"A": "AT_BEGINNING_STRING", "Z": "AT_END_STRING", "b": "AT_BOUNDARY",
            "B": "AT_NON_BOUNDARY"}
_CONTROLS = {"a": 7, "f": 12, "n": 10, "r": 13, "t": 9, "v": 11, "\\": 92}
_HEX_DIGITS = {"x": 2, "u": 4, "U": 8}
_FLAGS = frozenset("aiLmsux")
_OCTAL = frozenset("01234567")
_DIGITS = frozenset("0123456789")
_BOUNDS = re.compile(r"(\d*)(?:(,)(\d*))?\}")
_LEAVES = frozenset({"LITERAL", "NOT_LITERAL", "ANY", "AT", "IN", "GROUPREF"})
"""Nodes without a body: only these can be a prefix that alternatives share (as in re)."""


class PatternUnsupported(Exception):
    """Valid syntax this reader does not follow (the caller leaves the pattern alone)."""


def parse_pattern(pattern: str) -> list[Node]:
    """The tree of a pattern; ``re.error`` (or OverflowError, RecursionError) if invalid."""
    compiled = re.compile(pattern)
    if compiled.flags & re.VERBOSE:
        raise PatternUnsupported("verbose pattern")
    reader = _Reader(pattern, compiled.groupindex)
    tree = reader.alternatives()
    if reader.at < len(pattern):
        raise PatternUnsupported(f"unexpected {pattern[reader.at]!r}")
    return tree


class _Reader:
    def __init__(self, text: str, names: Any) -> None:
        self.text = text
        self.at = 0
        self.names: dict[str, int] = dict(names)
        self.groups = 0

    def peek(self) -> str | None:
        return self.text[self.at] if self.at < len(self.text) else None

    def take(self) -> str:
        if self.at >= len(self.text):
            raise PatternUnsupported("unexpected end")
        char = self.text[self.at]
        self.at += 1
        return char

    def accept(self, wanted: str) -> bool:
        if self.text.startswith(wanted, self.at):
            self.at += len(wanted)
            return True
        return False

    def alternatives(self) -> list[Node]:
        items = [self.sequence()]
        while self.accept("|"):
            items.append(self.sequence())
        return items[0] if len(items) == 1 else _branch(items)

    def sequence(self) -> list[Node]:
        nodes: list[Node] = []
        while (char := self.peek()) is not None and char not in "|)":
            self.at += 1
            if char in "*+?{":
                self.repeat(char, nodes)
            else:
                node = self.atom(char)
                if node is not None:
                    nodes.append(node)
        unpacked: list[Node] = []  # a group that neither captures nor sets flags: its nodes
        for node in nodes:
            plain = node[0] == "SUBPATTERN" and node[1][:3] == (None, 0, 0)
            unpacked.extend(node[1][3] if plain else [node])
        return unpacked

    def atom(self, char: str) -> Node | None:
        if char == ".":
            return ("ANY", None)
        if char == "^":
            return ("AT", "AT_BEGINNING")
        if char == "$":
            return ("AT", "AT_END")
        if char == "[":
            return self.char_set()
        if char == "(":
            return self.group()
        if char == "\\":
            return self.escape()
        return ("LITERAL", ord(char))

    def repeat(self, char: str, nodes: list[Node]) -> None:
        if char == "{":
            bounds = self.bounds()
            if bounds is None:  # not a repeat: '{' is a literal
                nodes.append(("LITERAL", ord("{")))
                return
            low, high = bounds
        else:
            low, high = {"*": (0, UNBOUNDED), "+": (1, UNBOUNDED), "?": (0, 1)}[char]
        last = nodes[-1]
        body: list[Node] = [last]
        if last[0] == "SUBPATTERN" and last[1][:3] == (None, 0, 0):
            body = last[1][3]
        kind = "MIN_REPEAT" if self.accept("?") else \
            "POSSESSIVE_REPEAT" if self.accept("+") else "MAX_REPEAT"
        nodes[-1] = (kind, (low, high, body))

    def bounds(self) -> tuple[int, int] | None:
        found = _BOUNDS.match(self.text, self.at)
        if found is None or self.text.startswith("}", self.at):
            return None
        self.at = found.end()
        low = int(found.group(1)) if found.group(1) else 0
        if not found.group(2):
            return low, low
        return low, int(found.group(3)) if found.group(3) else UNBOUNDED

    def group(self) -> Node | None:
        if not self.accept("?"):
            self.groups += 1
            number = self.groups
            return ("SUBPATTERN", (number, 0, 0, self.closed()))
        char = self.take()
        if char == ":":
            return ("SUBPATTERN", (None, 0, 0, self.closed()))
        if char == "P":
            if self.accept("<"):
                self.until(">")
                self.groups += 1
                number = self.groups
                return ("SUBPATTERN", (number, 0, 0, self.closed()))
            if self.accept("="):
                return ("GROUPREF", self.names[self.until(")")])
            raise PatternUnsupported("?P")
        if char == "#":
            self.until(")")
            return None
        if char in "=!":
            return ("ASSERT" if char == "=" else "ASSERT_NOT", (1, self.closed()))
        if char == "<" and self.peek() in ("=", "!"):
            kind = "ASSERT" if self.take() == "=" else "ASSERT_NOT"
            return (kind, (-1, self.closed()))
        if char == ">":
            return ("ATOMIC_GROUP", self.closed())
        if char in _FLAGS or char == "-":
            flags = char + self.until_any(":)")
            if self.text[self.at - 1] == ")":
                return None  # flags of the whole pattern (re allows them only first)
            if "x" in flags:
                raise PatternUnsupported("verbose group")
            return ("SUBPATTERN", (None, 1, 0, self.closed()))  # scoped flags
        raise PatternUnsupported(f"(?{char}")

    def closed(self) -> list[Node]:
        body = self.alternatives()
        if not self.accept(")"):
            raise PatternUnsupported("unbalanced parenthesis")
        return body

    def until(self, end: str) -> str:
        stop = self.text.find(end, self.at)
        if stop < 0:
            raise PatternUnsupported(f"missing {end!r}")
        text, self.at = self.text[self.at:stop], stop + 1
        return text

    def until_any(self, ends: str) -> str:
        start = self.at
        while self.take() not in ends:
            pass
        return self.text[start:self.at - 1]

    def escape(self) -> Node:
        char = self.take()
        if char in _ANCHORS:
            return ("AT", _ANCHORS[char])
        if char in _CATEGORIES:
            return ("IN", [("CATEGORY", _CATEGORIES[char])])
        if char.isdigit() and char != "0":
            digits = char
            if self.peek() in _DIGITS:
                digits += self.take()
                if digits[0] in _OCTAL and digits[1] in _OCTAL and self.peek() in _OCTAL:
                    return ("LITERAL", int(digits + self.take(), 8))
            return ("GROUPREF", int(digits))
        return ("LITERAL", self.code(char))

    def code(self, char: str) -> int:
        """The character an escape (after its backslash) stands for, in or out of a set."""
        if char in _CONTROLS:
            return _CONTROLS[char]
        if char in _HEX_DIGITS:
            digits = self.text[self.at:self.at + _HEX_DIGITS[char]]
            self.at += len(digits)
            return int(digits, 16)
        if char == "N" and self.accept("{"):
            return ord(unicodedata.lookup(self.until("}")))
        if char in _OCTAL:
            digits = char
            while len(digits) < 3 and self.peek() in _OCTAL:
                digits += self.take()
            return int(digits, 8)
        if char.isascii() and char.isalnum():
            raise PatternUnsupported(f"\\{char}")
        return ord(char)

    def char_set(self) -> Node:
        negated = self.accept("^")
        items: list[Node] = []
        while True:
            char = self.take()
            if char == "]" and items:
                break
            first = self.set_member(char)
            if self.peek() == "-" and self.text[self.at + 1:self.at + 2] not in ("", "]"):
                self.at += 1
                second = self.set_member(self.take())
                if first[0] != "LITERAL" or second[0] != "LITERAL":
                    raise PatternUnsupported("range of a class")
                items.append(("RANGE", (first[1], second[1])))
            else:
                items.append(first)
        items = list(dict.fromkeys(items))
        if len(items) == 1 and items[0][0] == "LITERAL":
            return ("NOT_LITERAL", items[0][1]) if negated else items[0]
        return ("IN", [("NEGATE", None), *items] if negated else items)

    def set_member(self, char: str) -> Node:
        if char != "\\":
            return ("LITERAL", ord(char))
        escaped = self.take()
        if escaped in _CATEGORIES:
            return ("CATEGORY", _CATEGORIES[escaped])
        if escaped == "b":
            return ("LITERAL", 8)
        return ("LITERAL", self.code(escaped))


def _branch(items: list[list[Node]]) -> list[Node]:
    """Alternatives as Python's parser leaves them: a shared leading node moved out, then
    alternatives of one character each made a set."""
    prefix: list[Node] = []
    while all(items) and items[0][0][0] in _LEAVES \
            and all(item[0] == items[0][0] for item in items):
        prefix.append(items[0][0])
        items = [item[1:] for item in items]
    members: list[Node] = []
    for item in items:
        if len(item) != 1:
            break
        kind, value = item[0]
        if kind == "LITERAL":
            members.append(item[0])
        elif kind == "IN" and value[0][0] != "NEGATE":
            members.extend(value)
        else:
            break
    else:
        return [*prefix, ("IN", list(dict.fromkeys(members)))]
    return [*prefix, ("BRANCH", (None, items))]

"""Build a short string that a dialplan regex matches (a "witness" dial string).

Used to try the destinations a dialplan itself names, instead of guessing numbers.
Works on Python's own parse of the pattern; constructs it cannot satisfy give None.
"""

from __future__ import annotations

import functools
import importlib
import re
from collections.abc import Mapping
from typing import Any

_parser: Any = importlib.import_module("re._parser")

_CATEGORY_SAMPLES = {
    "CATEGORY_DIGIT": "0", "CATEGORY_NOT_DIGIT": "a", "CATEGORY_SPACE": " ",
    "CATEGORY_NOT_SPACE": "a", "CATEGORY_WORD": "a", "CATEGORY_NOT_WORD": "-",
}
_FALLBACK_CHARS = "0123456789a+*#-_.@:"
_MAX_LENGTH = 256


class _Unsupported(Exception):
    pass


def witness(pattern: str, groups: Mapping[int, str] | None = None) -> str | None:
    """A string ``re.search(pattern, ...)`` accepts; ``groups`` fixes what numbered groups
    capture (the result is checked, so a wrong guess gives None, never a bad witness)."""
    fixed = dict(groups or {})
    try:
        parsed = _parsed(pattern)
        captured: dict[int, str] = {}
        text = _generate(list(parsed), fixed, captured)
    except (_Unsupported, re.error, RecursionError, OverflowError):
        return None
    if len(text) > _MAX_LENGTH:
        return None
    match = _compiled(pattern).search(text)
    if match is None:
        return None
    if any(match.group(n) != value for n, value in fixed.items()
           if n <= (match.re.groups or 0)):
        return None
    return text


@functools.lru_cache(maxsize=4096)
def _parsed(pattern: str) -> Any:
    return _parser.parse(pattern)


@functools.lru_cache(maxsize=4096)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _generate(items: list[Any], fixed: dict[int, str], captured: dict[int, str]) -> str:
    return "".join(_one(op, av, fixed, captured) for op, av in items)


def _one(op: Any, av: Any, fixed: dict[int, str], captured: dict[int, str]) -> str:
    name = str(op)
    if name == "LITERAL":
        return chr(av)
    if name == "NOT_LITERAL":
        return next(c for c in _FALLBACK_CHARS if ord(c) != av)
    if name == "ANY":
        return "0"
    if name == "IN":
        return _from_set(av)
    if name in ("AT", "ASSERT", "ASSERT_NOT"):
        return ""
    if name == "BRANCH":
        return _generate(list(av[1][0]), fixed, captured)
    if name == "SUBPATTERN":
        group, _, _, body = av
        text = fixed[group] if group in fixed else _generate(list(body), fixed, captured)
        if group is not None:
            captured[group] = text
        return text
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        low, _, body = av
        if low > _MAX_LENGTH:
            raise _Unsupported
        return "".join(_generate(list(body), fixed, captured) for _ in range(low))
    if name == "GROUPREF":
        return captured.get(av, "")
    if name == "ATOMIC_GROUP":
        return _generate(list(av), fixed, captured)
    raise _Unsupported(name)


def _from_set(items: list[tuple[Any, Any]]) -> str:
    negated = any(str(op) == "NEGATE" for op, _ in items)
    if not negated:
        op, av = items[0]
        kind = str(op)
        if kind == "LITERAL":
            return chr(av)
        if kind == "RANGE":
            return chr(av[0])
        if kind == "CATEGORY":
            return _CATEGORY_SAMPLES.get(str(av), "0")
        raise _Unsupported(kind)
    pattern = "[" + "".join(_describe(op, av) for op, av in items) + "]"
    for char in _FALLBACK_CHARS:
        if re.fullmatch(pattern, char):
            return char
    raise _Unsupported("negated set")


def _describe(op: Any, av: Any) -> str:
    kind = str(op)
    if kind == "NEGATE":
        return "^"
    if kind == "LITERAL":
        return re.escape(chr(av))
    if kind == "RANGE":
        return f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}"
    if kind == "CATEGORY":
        return {"CATEGORY_DIGIT": r"\d", "CATEGORY_NOT_DIGIT": r"\D", "CATEGORY_SPACE": r"\s",
                "CATEGORY_NOT_SPACE": r"\S", "CATEGORY_WORD": r"\w",
                "CATEGORY_NOT_WORD": r"\W"}.get(str(av), "")
    raise _Unsupported(kind)
